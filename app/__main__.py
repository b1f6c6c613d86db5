import multiprocessing
import sys

from app.cli import main

if __name__ == "__main__":  # not in the worker processes of app.review_pool, which import this module
    # In the frozen program a worker process starts as nianbao.exe too: this runs its task instead.
    multiprocessing.freeze_support()
    sys.exit(main())
