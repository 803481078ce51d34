"""Readers of the registries' own structured exports (CT.gov API v2 JSON, legacy XML) and of HTML pages."""
