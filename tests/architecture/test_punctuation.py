"""Chinese pages use Chinese punctuation: the rule the crawl applies to every page (tests/architecture/pages.py,
test_crawl_tables.py and test_crawl_links.py read every page of every role with it)."""

from tests.architecture.pages import ascii_marks


def test_the_check_catches_ascii_marks_after_chinese_only():
    assert ascii_marks("身份证号码:\n您好, 王芳\n预约办理\n.")
    assert not ascii_marks("身份证号码：\n申请表.pdf 12:30 PDF, CSV\n您好，王芳。")
