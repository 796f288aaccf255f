"""Thin glue between the schema and the services: dataloaders, service calls, error mapping."""
