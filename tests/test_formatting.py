"""Numbers for people, and user text kept literal inside Markdown."""

from analytics.formatting import change_unit, escape_markdown, number, percent, unit_text, whole, with_unit


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


def test_percentages_are_whole_with_the_ends_kept_apart_from_certainty():
    # 0.996 rounds to 100% but is not certain; 0.004 rounds to 0% but is not impossible.
    assert [percent(v) for v in (0.996, 1.0, 0.004, 0.0, 0.555, 0.994)] == [">99%", "100%", "<1%", "0%", "56%", "99%"]
    assert percent(0.625) == "63%" and percent(-0.5) == "-50%" and percent(2.0) == "200%"  # half up, as people round


def test_units_read_as_people_write_them():
    assert unit_text("µg/m3") == "μg/m³" and with_unit("27", "µg/m3", "zh") == "27μg/m³"
    assert with_unit("95.9", "%", "zh") == "95.9%" and with_unit("95.9", "%", "en") == "95.9%"
    assert with_unit("31", "个", "zh") == "31个" and with_unit("16", "organisations", "en") == "16 organisations"
    assert change_unit("%", "zh") == "个百分点" and change_unit("%", "en") == "percentage points"
    assert [whole(v) for v in (37.33, 37.5, 4.0)] == ["37", "38", "4"]
