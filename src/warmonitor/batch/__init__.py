"""Batch processing of large archives, on Dask (optional) or a local process pool.

``run_batch(paths, db, scheduler=None, workers=1, chunk=8, ...) -> BatchSummary``; workers hold one
pipeline each; the driver alone writes the store. Dask is optional: ``DaskMissing`` (a ResourceError)
gives the install line when a Dask scheduler is asked for without it.
"""
from warmonitor.batch.backends import DASK_INSTALL, DaskMissing, dask_available, make_backend, worker_pipeline
from warmonitor.batch.inputs import CSV_COLUMNS, iter_batch_inputs, iter_csv
from warmonitor.batch.run import BatchSummary, default_factory, process_chunk, run_batch

__all__ = [
    "CSV_COLUMNS",
    "DASK_INSTALL",
    "BatchSummary",
    "DaskMissing",
    "dask_available",
    "default_factory",
    "iter_batch_inputs",
    "iter_csv",
    "make_backend",
    "process_chunk",
    "run_batch",
    "worker_pipeline",
]
