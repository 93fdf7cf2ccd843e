"""Facts about a project: tuners, objectives, hypermodels, compiled metrics, searches and callbacks."""
