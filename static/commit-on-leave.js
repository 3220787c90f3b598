// What a user types reaches Streamlit when the box loses focus (or on Ctrl+Enter): a tab
// closed, reloaded or hidden first would lose it. So when the page is hidden or left, the box
// in use is blurred, and Streamlit sends its value while the connection is still open.
// (Run in the component's iframe, which shares the app's origin; set once per page.)
(function () {
  const app = window.parent;
  if (!app || app.__shuzhiCommitOnLeave) return;
  app.__shuzhiCommitOnLeave = true;
  const commit = () => {
    const box = app.document.activeElement;
    if (box && (box.tagName === "TEXTAREA" || box.tagName === "INPUT")) box.blur();
  };
  app.document.addEventListener("visibilitychange", () => {
    if (app.document.visibilityState === "hidden") commit();
  });
  app.addEventListener("pagehide", commit);
  app.addEventListener("beforeunload", commit);
})();
