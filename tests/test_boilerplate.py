"""boilerplate: chrome removed by rule and by density; real short lines kept; every removal recorded."""

from __future__ import annotations

import speechclean

BODY = "按照会议安排，下面我就分管工作作以安排部署，确保各项任务落到实处。大家要认真落实，务求实效。"


def test_short_real_lines_are_kept() -> None:
    text = "\n".join(["同志们：", "一、2021年工作成效", BODY, "（三）加强组织领导", BODY, "谢谢大家！"])
    page = speechclean.clean(text)
    assert page.text == text
    assert page.removals == []


def test_chrome_families_before_and_after_the_body() -> None:
    text = "\n".join([
        "您现在的位置：首页 > 范文 > 讲话稿",
        "发布时间：2023-01-05 10:20 来源：某某范文网 作者：admin",
        "下面是小编为大家收集的讲话稿，仅供参考。",
        BODY,
        BODY,
        "相关文章",
        "2022年工作会议讲话",
        "在全县大会上的讲话",
        "全文阅读已结束，下载本文需要使用",
        "开通VIP，免费下载",
    ])
    page = speechclean.clean(text)
    assert page.text == BODY + "\n" + BODY
    rules = [r.rule for r in page.removals]
    assert rules[:3] == ["boilerplate.breadcrumb", "boilerplate.metadata", "boilerplate.editor-preface"]
    assert set(rules[3:]) <= {"boilerplate.recommend-list", "boilerplate.download-prompt"}
    assert [r.text for r in page.removals][3:6] == ["相关文章", "2022年工作会议讲话", "在全县大会上的讲话"]


def test_the_classifier_catches_chrome_no_rule_names() -> None:
    text = "\n".join(["收藏 | 分享 | 举报", "热门 推荐 排行 专题", "热门 推荐 排行榜 专题", BODY, BODY])
    page = speechclean.clean(text)
    assert page.text == BODY + "\n" + BODY
    # no rule names them: the classifier's line verdicts (排行榜 is no chrome word) or its button-bar signal
    # (lines of chrome words only) do
    assert {r.rule for r in page.removals} <= {"chrome.line", "chrome.button-bar"}
    scored = [r for r in page.removals if r.rule == "chrome.line"]
    assert scored and all(r.score is not None and r.cues for r in scored)


def test_rules_do_not_touch_body_text_that_mentions_their_words() -> None:
    text = "\n".join([
        BODY,
        "要把群众满意度作为来源于实践的标准，作者和编辑都要下载安装反诈APP，支付方式改革稳步推进。",
        "下面，我讲三点意见。",
        BODY,
    ])
    assert speechclean.clean(text).text == text


def test_spam_line_inside_the_body_is_removed() -> None:
    spam = "欧美成人永久免费_欧美日本五月天_A级毛片免看在线_国产69无码,亚洲无线观看"
    page = speechclean.clean("\n".join([BODY, spam, BODY]))
    assert page.text == BODY + "\n" + BODY
    assert page.removals[0].rule == "boilerplate.seo-spam"


def test_css_and_script_residue() -> None:
    text = "\n".join([BODY, ".b1{white-space-collapsing:preserve;}.s1{font-weight:bold;}", "var _hmt = _hmt || [];", BODY])
    page = speechclean.clean(text)
    assert page.text == BODY + "\n" + BODY
    assert {r.rule for r in page.removals} == {"boilerplate.code-residue"}


def test_density_leaves_pages_without_a_prose_body_alone() -> None:
    text = "\n".join(["设置代理", "set http_proxy=http://127.0.0.1:5972", "curl -v https://example.com", BODY,
                      "set https_proxy=http://127.0.0.1:5972", "git config --global http.proxy socks5://127.0.0.1"])
    assert speechclean.clean(text).text == text


def test_density_can_be_switched_off() -> None:
    text = "\n".join(["热门 推荐 排行 专题", BODY])
    assert speechclean.clean(text).text == BODY
    assert speechclean.clean(text, density=False).text == "热门 推荐 排行 专题\n" + BODY
