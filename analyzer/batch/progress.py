"""Progress of a batch: a tqdm bar with rate and ETA on a terminal, plain periodic lines otherwise.

Plain lines keep CI logs and `nohup` files readable: one line every ``interval`` seconds (never for
the very first record, which says nothing about the rate) and a last line with the total and time.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _fmt_seconds(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else f"{seconds}s"


class Progress:
    def __init__(
        self,
        desc: str,
        total: int | None = None,
        enabled: bool = True,
        interval: float = 10.0,
        stream: TextIO | None = None,
    ) -> None:
        self.desc, self.total, self.enabled, self.interval = desc, total, enabled, interval
        self.stream = stream or sys.stderr
        self.tty = enabled and self.stream.isatty()
        self.done = 0
        self.start = self.last = time.monotonic()
        self.bar = None
        if self.tty:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=desc, unit=" hồ sơ", file=self.stream, dynamic_ncols=True)

    def update(self, n: int) -> None:
        if n <= 0:
            return
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
            return
        now = time.monotonic()
        if self.enabled and now - self.last >= self.interval:
            self.last = now
            self._line(now)

    def _line(self, now: float, final: bool = False) -> None:
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        count = f"{self.done}/{self.total}" if self.total is not None else f"{self.done}"
        if final:
            tail = f"xong trong {_fmt_seconds(elapsed)}"
        elif self.total and rate > 0:
            tail = f"còn khoảng {_fmt_seconds((self.total - self.done) / rate)}"
        else:
            tail = f"đã chạy {_fmt_seconds(elapsed)}"
        print(f"{self.desc}: {count} hồ sơ ({rate:.1f} hồ sơ/s, {tail})", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.enabled and self.done:
            self._line(time.monotonic(), final=True)
