import sys

from app.cli import main

if __name__ == "__main__":  # not in the worker processes of app.review_pool, which import this module
    if getattr(sys, "frozen", False):
        # In the frozen program a worker process starts as nianbao.exe too: this runs its task
        # instead. Only there: multiprocessing costs ~15 ms of every start, and only the review needs it.
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
