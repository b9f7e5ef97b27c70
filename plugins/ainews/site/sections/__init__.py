"""The site's optional sections (digests, 企業, 動画, AIツール): their pages, feeds and header tabs."""
