"""analysis: questions asked of the event store — dyadic time series and rankings
(:func:`dyads`, :func:`top_dyads`, :func:`top_actors`, :func:`duplicate_groups`), the exports
in the field's layouts (:func:`export`), and the queries behind the API."""
from communique.analysis.dyads import duplicate_groups, dyads, top_actors, top_dyads
from communique.analysis.export import export
from communique.analysis.filters import event_filters

__all__ = ["duplicate_groups", "dyads", "event_filters", "export", "top_actors", "top_dyads"]
