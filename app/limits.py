"""The largest files the program reads, in one place (the README's "Limits" lists them).

A real draft is 10–60 KB and a published report a few hundred KB of text or a Word file of a
few MB (pictures included); anything far larger is not a report, and reading it would only
keep the clerk waiting and fill the memory.
"""

MB = 1024 * 1024

MAX_DRAFT_FILE = 10 * MB  # a draft (.nianbao)
MAX_IMPORT_FILE = 30 * MB  # a file to import: a Word file may carry pictures
MAX_IMPORT_TEXT = 8 * MB  # a text file or saved web page to import
MAX_DOCX_UNPACKED = 64 * MB  # all parts of a Word file together, once unpacked
MAX_DOCX_XML_PART = 16 * MB  # one XML part (the text of document.xml), once unpacked
MAX_DOCX_PARTS = 5000  # parts in a Word file
MAX_REVIEW_FILES = 500  # reports read from one folder by the review (a county has 10–60)


def size_text(n: int) -> str:
    """A size as the clerk reads it: 12.3 MB, 640 KB."""
    return f"{n / MB:.1f} MB".replace(".0 MB", " MB") if n >= MB else f"{max(1, round(n / 1024))} KB"
