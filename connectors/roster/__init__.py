"""Roster sources: OneRoster CSV (directory or zip) and the OneRoster REST API."""
