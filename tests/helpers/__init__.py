"""Shared test harness: database URLs for both engines and a real browser on the running app."""
