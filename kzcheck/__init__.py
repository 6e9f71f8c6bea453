"""kzcheck: find, attribute and compare numeric claims in news articles.

The library API is small: :func:`kzcheck.extract.extract_text` turns one text
into claims; :func:`kzcheck.corpus.load_articles` reads files and folders.
"""
__version__ = "0.1.0"

__all__ = ["__version__", "extract_text"]


def extract_text(text, article_id="article", metadata=None, vocab=None):
    """Extract the claims of one article's text (see kzcheck.extract)."""
    from .extract import extract_text as _extract_text

    return _extract_text(text, article_id, metadata, vocab)
