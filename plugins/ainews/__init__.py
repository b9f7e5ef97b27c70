"""MkDocs plugins and the article model of the bilingual AI-news site."""
