"""Run a parser in a child process that may abort, run out of memory or hang without harm.

In the app server, children come from a forkserver (never a plain fork: the server has threads)
that has already imported pandas, calamine and this package, so a call costs a fork, not an
import. A one-shot command (`python -m data_sources ingest`) has imported all that itself and runs
no other thread, so it forks its children directly (`fork_children_directly`) instead of starting
and warming a server for one file. Each child gets an address-space cap (RLIMIT_AS) and no core
dumps; the parent kills it at the timeout. Results come back pickled with protocol 5, large
buffers (DataFrame columns) out of band.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import resource
import struct
import threading
import traceback
from collections.abc import Callable
from multiprocessing import connection, forkserver, spawn
from multiprocessing.context import ForkServerProcess
from multiprocessing.popen_forkserver import Popen as ForkServerPopen
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from data_sources.errors import DataSourceError
from data_sources.readers.base import Limits, file_error

T = TypeVar("T")
U = TypeVar("U")
# The ingest pipeline is what children run: importing it once (0.3 s) and warming it (data_sources.warm
# reads a small file per dataset, 0.2 s on a large upload) here spares every upload both.
PRELOAD = ["data_sources.readers", "pandas", "python_calamine", "data_sources.ingest", "data_sources.warm"]

_log = logging.getLogger(__name__)
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(PRELOAD)
_FORK = multiprocessing.get_context("fork")
_direct = threading.Event()  # set by a one-shot command: fork children from this process
_answer_lock = threading.Lock()  # one answer per child, whichever thread gives it
_to_parent: list[connection.Connection] = []  # in an isolated child: the pipe to its parent
_launching = threading.local()
_server_lock = threading.Lock()
_PROJECT_ROOT = str(Path(__file__).resolve().parents[2])
_COUNT = struct.Struct("<I")


def _preparation_without_main(
    name: str, _original: Callable[[str], dict[str, Any]] = spawn.get_preparation_data
) -> dict[str, Any]:
    data = _original(name)
    if getattr(_launching, "active", False):
        # A child normally re-runs the parent's __main__ first; under Streamlit that is the page
        # script itself. Our children need only importable top-level functions, so skip it.
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
    return data


if not getattr(spawn.get_preparation_data, "_skips_main", False):
    _preparation_without_main._skips_main = True  # type: ignore[attr-defined]
    spawn.get_preparation_data = _preparation_without_main


class _Popen(ForkServerPopen):
    def _launch(self, process_obj: Any) -> None:
        _launching.active = True
        try:
            super()._launch(process_obj)
        finally:
            _launching.active = False


class _IsolatedProcess(ForkServerProcess):
    @staticmethod
    def _Popen(process_obj: Any) -> _Popen:  # noqa: N802 - the name multiprocessing calls
        return _Popen(process_obj)


def run_isolated(function: Callable[..., T], *args: object, limits: Limits) -> T:
    """`function(*args)` in a capped child process; its result or its DataSourceError comes back.

    `function` must be importable by name (defined at module top level, not in a page script).
    A crash, MemoryError or kill raises UnreadableFile "parser-failed"; overrunning
    `limits.timeout_s` raises UnreadableFile "parser-timeout". Other exceptions are re-raised.
    """
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    process = _new_process(target=_child_main, args=(sender, function, args, limits.memory_mb))
    process.start()
    sender.close()
    try:
        outcome = _receive(receiver, limits)
    finally:
        receiver.close()
        exit_code = _stop(process)
    if outcome is None:
        _log.warning("isolated %s died (exit code %s)", getattr(function, "__name__", function), exit_code)
        raise file_error("parser-failed")
    return _unwrap(outcome)


def fork_children_directly() -> None:
    """Fork isolated children straight from this process from now on, while it runs one thread.

    For one-shot commands: starting a forkserver costs a fresh interpreter, its imports and its
    warm-up (about two seconds) to parse one file. A plain fork is as safe as the forkserver's own
    forks only when no other Python thread could hold a lock at that moment, so `run_isolated`
    checks that on every call and falls back to the forkserver otherwise.
    """
    _direct.set()


def _new_process(target: Callable[..., None], args: tuple[object, ...]) -> multiprocessing.process.BaseProcess:
    if _direct.is_set() and threading.active_count() == 1:
        return _FORK.Process(target=target, args=args, daemon=True)
    _ensure_server()
    return _IsolatedProcess(target=target, args=args, daemon=True)


def _ensure_server() -> None:
    # Python 3.11's forkserver imports its preloads without the parent's sys.path (3.13 passes
    # it), so a parent started outside the project root would preload nothing and every child
    # would import pandas afresh. The server inherits the environment: lend it PYTHONPATH.
    with _server_lock:
        previous = os.environ.get("PYTHONPATH")
        os.environ["PYTHONPATH"] = os.pathsep.join(path for path in (_PROJECT_ROOT, previous) if path)
        try:
            forkserver.ensure_running()
        finally:
            if previous is None:
                del os.environ["PYTHONPATH"]
            else:
                os.environ["PYTHONPATH"] = previous


def warm_up() -> None:
    """Start the forkserver (importing pandas and calamine once) so the first upload is not slow."""
    run_isolated(_nothing, limits=Limits(timeout_s=120.0))


def _nothing() -> None:
    return None


def _receive(receiver: connection.Connection, limits: Limits) -> tuple[str, Any] | None:
    if not receiver.poll(limits.timeout_s):
        raise file_error("parser-timeout", limit=f"{limits.timeout_s:g}")
    try:
        count = _COUNT.unpack(receiver.recv_bytes())[0]
        payload = receiver.recv_bytes()
        buffers = [receiver.recv_bytes() for _ in range(count)]
    except (EOFError, OSError):
        return None  # the child died before or while sending
    return pickle.loads(payload, buffers=buffers)


def _stop(process: multiprocessing.process.BaseProcess) -> int | None:
    if process.is_alive():
        process.kill()
    process.join()
    exit_code = process.exitcode
    process.close()
    return exit_code


def _unwrap(outcome: tuple[str, Any]) -> Any:
    status, value = outcome
    if status == "ok":
        return value
    if status == "data-error":
        raise _rebuild(*value)
    if status == "memory":
        raise file_error("parser-failed")
    raise value


def in_isolated_child() -> bool:
    """True inside a child of `run_isolated`, where `answer_now` may end the work early."""
    return bool(_to_parent)


def run_beside(there: Callable[[], T], here: Callable[[], U]) -> tuple[T, U]:
    """`there()` in a forked helper while `here()` runs in this process: both results, on two cores.

    For pure work inside an isolated child whose own threads have ended (a fork copies only the
    calling thread). The helper inherits the child's caps and only hands back a pickled result;
    if it fails in any way, `there()` runs here afterwards, so the outcome (a result or the
    exception `there()` raises) never depends on the helper: only the time does.
    """
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the helper: never returns into the caller's code
        try:
            os.close(reading)
            with os.fdopen(writing, "wb") as out:
                out.write(pickle.dumps(there(), protocol=5))
        finally:
            os._exit(0)
    os.close(writing)
    try:
        mine = here()
    finally:
        with os.fdopen(reading, "rb") as incoming:
            payload = incoming.read()
        os.waitpid(pid, 0)
    try:
        theirs = pickle.loads(payload) if payload else there()
    except (pickle.UnpicklingError, EOFError):
        theirs = there()  # a helper cut off mid-write
    return theirs, mine


def answer_now(error: DataSourceError) -> NoReturn:
    """From any thread of an isolated child: hand `error` to the parent as the answer, then end the
    child, whatever its other threads are doing (a parser busy with a file already refused)."""
    with _answer_lock:
        _send(_to_parent[0], ("data-error", _portable(error)))
        os._exit(0)


def _child_main(
    sender: connection.Connection, function: Callable[..., Any], args: tuple[object, ...], memory_mb: int
) -> None:
    _limit_resources(memory_mb)
    _to_parent.append(sender)
    try:
        outcome: tuple[str, Any] = ("ok", function(*args))
    except DataSourceError as error:
        outcome = ("data-error", _portable(error))
    except MemoryError:
        outcome = ("memory", None)
    except Exception as error:  # noqa: BLE001 - handed to the parent, which re-raises it
        outcome = ("error", _picklable(error))
    with _answer_lock:
        _send(sender, outcome)


def _limit_resources(memory_mb: int) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = memory_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort must not write gigabytes of core


def _send(sender: connection.Connection, outcome: tuple[str, Any]) -> None:
    buffers: list[pickle.PickleBuffer] = []
    try:
        payload = pickle.dumps(outcome, protocol=5, buffer_callback=buffers.append)
    except Exception as error:  # noqa: BLE001 - an unpicklable result is a bug to report, not a crash
        buffers = []
        payload = pickle.dumps(("error", _picklable(error)), protocol=5)
    sender.send_bytes(_COUNT.pack(len(buffers)))
    sender.send_bytes(payload)
    for buffer in buffers:
        sender.send_bytes(buffer.raw())


def _portable(error: DataSourceError) -> tuple[type, str, dict[str, Any]]:
    # DataSourceError subclasses take different constructor arguments, so default exception
    # pickling (which replays args) cannot rebuild them; send the class and the state instead.
    return (type(error), error.message_en, dict(vars(error)))


def _rebuild(kind: type, message_en: str, state: dict[str, Any]) -> DataSourceError:
    error = kind.__new__(kind)
    Exception.__init__(error, message_en)
    error.__dict__.update(state)
    return error


def _picklable(error: Exception) -> Exception:
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - any pickling failure: fall back to a plain RuntimeError
        error = RuntimeError(f"{type(error).__name__}: {error}")
    error.add_note("in the isolated child:\n" + traceback.format_exc())
    return error
