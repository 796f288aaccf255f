"""Samen: share zaaktypen and zaken between Dutch government organisations over GraphQL."""
