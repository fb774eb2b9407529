"""A progress bar for management commands, drawn only on a terminal."""

from django.core.management.base import OutputWrapper


class ProgressBar:
    WIDTH = 30

    def __init__(self, stdout: OutputWrapper):
        self.stdout = stdout
        self.shown = stdout.isatty()

    def update(self, done: int, total: int, label: str = "") -> None:
        if not self.shown or not total:
            return
        filled = self.WIDTH * done // total
        bar = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total}"
        self.stdout.write(f"\r{bar} {label[:40]:<40}", ending="")
        self.stdout.flush()

    def clear(self) -> None:
        if self.shown:
            self.stdout.write("\r\033[K", ending="")
