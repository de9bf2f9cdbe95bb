"""Resolvers: turn mentions into canonical entities (regulation titles, agency names with
their jurisdiction, places in the administrative hierarchy)."""
