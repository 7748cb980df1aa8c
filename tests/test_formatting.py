"""Numbers for people, and user text kept literal inside Markdown."""
from analytics.formatting import escape_markdown, number, percent


def test_numbers_read_as_people_write_them():
    assert [number(v) for v in (95.94, 0.876, 6.0, -0.0, float("nan"))] == ["95.9", "0.88", "6", "0", "—"]
    assert number(1.5, signed=True) == "+1.5" and percent(0.183) == "18%"


def test_markdown_in_user_text_is_escaped_so_it_cannot_link_or_embed():
    hostile = "[官方数据下载](https://evil.example/x)\n![x](https://evil.example/p.png) **粗** $x$"
    escaped = escape_markdown(hostile)
    assert escaped == (
        r"\[官方数据下载\]\(https\://evil\.example/x\) \!\[x\]\(https\://evil\.example/p\.png\) \*\*粗\*\* \$x\$"
    )
    # Undoing the escapes gives the text back, with line breaks folded into spaces.
    assert escaped.replace("\\", "") == " ".join(hostile.split())
