"""Where batch chunks run: in this process, in a local process pool, or on a Dask cluster.

Every backend has ``submit(fn, *args) -> future`` (``.result()`` gives the value), ``warm(factory)``
(every worker builds its pipeline now) and ``close()``.
Workers keep one pipeline each (``worker_pipeline``), so models load once per worker, not per chunk.
"""
from __future__ import annotations

import concurrent.futures as cf
import logging
import threading
from collections.abc import Callable
from typing import Any

from warmonitor.errors import DependencyMissing, UsageError

log = logging.getLogger("warmonitor.batch")

DASK_INSTALL = 'pip install "dask[distributed]"  (or: pip install "warmonitor[scale]")'
SCHEDULERS = ("serial", "processes", "local")
CONNECT_TIMEOUT_S = 20  # how long to wait for a Dask scheduler given by address


class DaskMissing(DependencyMissing):
    """Dask (distributed) is needed for this scheduler but is not installed."""


_PIPELINES: dict[str, Any] = {}
_LOCK = threading.Lock()


def _factory_key(factory: Callable[[], Any]) -> str:
    return f"{getattr(factory, '__module__', '?')}.{getattr(factory, '__qualname__', repr(factory))}"


def worker_pipeline(factory: Callable[[], Any]) -> Any:
    """The pipeline this worker process holds for ``factory`` (built on first use, then reused)."""
    key = _factory_key(factory)
    with _LOCK:
        pipe = _PIPELINES.get(key)
        if pipe is None:
            pipe = _PIPELINES[key] = factory()
    return pipe


def _init_worker(factory: Callable[[], Any]) -> None:
    worker_pipeline(factory)


def _warm(factory: Callable[[], Any], pause_s: float = 0.0) -> int:
    """Build this worker's pipeline now (``pause_s`` keeps the worker busy so the next warm-up task
    goes to another one); returns the process id."""
    import os
    import time

    worker_pipeline(factory)
    if pause_s:
        time.sleep(pause_s)
    return os.getpid()


def dask_available() -> bool:
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        return False
    return True


class _Done:
    """A finished 'future' for the serial backend (exceptions are re-raised by ``result``)."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self._value: Any = None
        self._error: BaseException | None = None
        try:
            self._value = fn(*args)
        except Exception as err:  # noqa: BLE001 - surfaced by result(), like a real future
            self._error = err

    def result(self) -> Any:
        if self._error is not None:
            raise self._error
        return self._value


class SerialBackend:
    name = "serial"

    def __init__(self) -> None:
        self.workers = 1

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return _Done(fn, args)

    def warm(self, factory: Callable[[], Any]) -> None:
        _warm(factory)

    def close(self) -> None:
        pass


class ProcessBackend:
    """A local process pool (the fallback when Dask is not installed); each process builds its pipeline once."""

    name = "processes"

    def __init__(self, workers: int, factory: Callable[[], Any]) -> None:
        self.workers = workers
        self.pool = cf.ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(factory,))

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.pool.submit(fn, *args)

    def warm(self, factory: Callable[[], Any]) -> None:
        futures = [self.pool.submit(_warm, factory, 0.5) for _ in range(self.workers)]
        for f in futures:
            f.result()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskBackend:
    """A Dask ``Client``: a new local cluster (``"local"``), a scheduler address, or a client passed in."""

    name = "dask"

    def __init__(self, target: Any, workers: int) -> None:
        if not dask_available():
            raise DaskMissing(f"Dask is not installed; install it with: {DASK_INSTALL}", input=str(target))
        from dask.distributed import Client, LocalCluster

        self._own_client = True
        self._cluster = None
        if hasattr(target, "submit") and hasattr(target, "scheduler_info"):
            self.client, self._own_client = target, False
        elif target == "local":
            self._cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=logging.WARNING,
            )
            self.client = Client(self._cluster)
        else:
            try:
                self.client = Client(str(target), timeout=f"{CONNECT_TIMEOUT_S}s")
            except OSError as err:
                raise UsageError(f"cannot reach the Dask scheduler: {err}", input=str(target)) from err
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or workers)
        self.name = "dask-local" if target == "local" else "dask"

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)

    def warm(self, factory: Callable[[], Any]) -> None:
        self.client.run(_warm, factory)  # on every worker of the cluster

    def close(self) -> None:
        if not self._own_client:
            return
        nanny = logging.getLogger("distributed.nanny")
        level = nanny.level
        nanny.setLevel(logging.ERROR)  # "worker process still alive ... killing" is expected at shutdown
        try:
            self.client.close()
            if self._cluster is not None:
                self._cluster.close()
        finally:
            nanny.setLevel(level)


def make_backend(scheduler: Any, workers: int, factory: Callable[[], Any]) -> Any:
    """``None``: a local Dask cluster when Dask is installed and ``workers > 1``, else a process pool, else
    serial. ``"serial"``, ``"processes"``, ``"local"`` (Dask), a Dask address, or a ``dask.distributed.Client``."""
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise UsageError(f"workers must be a positive integer, got {workers!r}")
    if scheduler is None:
        if workers == 1:
            return SerialBackend()
        if dask_available():
            return DaskBackend("local", workers)
        log.warning("Dask is not installed (%s): using a local process pool", DASK_INSTALL)
        return ProcessBackend(workers, factory)
    if scheduler == "serial":
        return SerialBackend()
    if scheduler == "processes":
        return ProcessBackend(workers, factory)
    if scheduler == "local" or hasattr(scheduler, "submit") or (isinstance(scheduler, str) and ":" in scheduler):
        return DaskBackend(scheduler, workers)
    raise UsageError(f"unknown scheduler {scheduler!r}: use serial, processes, local or a Dask address host:port")
