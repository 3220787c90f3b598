"""Where an endpoint is: inside the unit's network, or a public cloud (and what is sent there
is screened first). Local only when loopback, a private range or declared in ``internal_hosts``."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from shuzhi.config.settings import Settings, load_settings

_PRIVATE = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                                                  "fc00::/7"))


def is_local_endpoint(url: str | None, settings: Settings | None = None) -> bool:
    """Whether requests to ``url`` stay inside the unit: loopback, the private ranges, or a
    host, domain or network the administrator declared in ``internal_hosts``. Host names are
    not resolved (DNS can say anything): a name is local only when declared."""
    host = (urlsplit(url or "").hostname or "").lower().rstrip(".")
    if not host:
        return False
    declared = (settings or load_settings()).internal_hosts
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host == "localhost" or host.endswith(".localhost") or any(
            host == d.lower().strip(".") or host.endswith("." + d.lower().strip(".")) for d in declared)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    networks = [*_PRIVATE, *(_network(d) for d in declared)]
    return address.is_loopback or any(n is not None and address in n for n in networks)


def _network(entry: str):
    try:
        return ipaddress.ip_network(entry.strip(), strict=False)
    except ValueError:
        return None  # a host name, matched above
