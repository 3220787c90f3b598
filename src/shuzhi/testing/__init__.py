"""Test helpers other parts of the project import (a local OpenAI-compatible server)."""
