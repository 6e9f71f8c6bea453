"""kzcheck: find, attribute and compare numeric claims in news articles.

The library API is small: :func:`kzcheck.extract.extract_text` turns one text
into claims; :func:`kzcheck.corpus.load_articles` reads files and folders.
"""
__version__ = "0.1.0"

__all__ = ["__version__", "extract_text"]


def extract_text(text, article_id="article", metadata=None, vocab=None, events=None):
    """Extract the claims of one article's text (see kzcheck.extract).

    ``vocab`` and ``events`` default to the built-in vocabulary and no known
    events; pass a project's (``kzcheck.pipeline.Project(".").vocab()`` and
    ``.events()``) to get what ``kzcheck extract`` gives in that project.
    """
    from .extract import extract_text as _extract_text

    return _extract_text(text, article_id, metadata, vocab, events)
