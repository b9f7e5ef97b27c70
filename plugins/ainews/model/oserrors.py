"""OS errors as editors read them: the reason in words (the disk is full, read-only), on one line.

A build or an `ainews` command that cannot write (a full disk, a quota, a
read-only or foreign folder) says so in one line instead of a traceback;
``write_error`` finds such an error however deep in a chain of exceptions it
was raised (MkDocs and worker pools wrap them).
"""

from __future__ import annotations

import errno

from .messages import msg

_EDQUOT = getattr(errno, "EDQUOT", None)   # not on every platform
# Errors that mean "this folder cannot take the site now", not a bug to show with a traceback.
WRITE_ERRNOS = frozenset(code for code in (errno.ENOSPC, _EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES,
                                           errno.EPERM) if code is not None)


def reason(error: OSError) -> str:
    """Why ``error`` happened, in the editor's language(s) when it is a known kind."""
    code = error.errno
    if code == errno.ENOSPC:
        return msg("the disk is full")
    if code is not None and code == _EDQUOT:
        return msg("the disk quota is used up")
    if code == errno.EFBIG:
        return msg("a file is larger than the system allows")
    if code == errno.EROFS:
        return msg("the file system is read-only")
    if code in (errno.EACCES, errno.EPERM):
        return msg("permission denied")
    return error.strerror or str(error) or type(error).__name__


def write_error(error: BaseException | None) -> OSError | None:
    """The OSError of a write that the disk or the folder refused, in ``error`` or its causes."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in WRITE_ERRNOS:
            return error
        error = error.__cause__ or error.__context__
    return None
