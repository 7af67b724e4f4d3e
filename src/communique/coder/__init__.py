"""coder: documents in, events out, on one process (core.Coder), a pool of processes
(pool.ParallelCoder) or a Dask cluster (cluster.DaskCoder), all :class:`EventCoder` s."""
from communique.coder.interface import CodedDocument, EventCoder

__all__ = ["CodedDocument", "EventCoder"]
