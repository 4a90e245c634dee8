"""Hosting helpers: the nginx template and its renderer, N local replicas, a protocol client."""
