"""Families of chrome (and of content that looks like it) added for issue 9's held-out quality, each on
small made-up fixtures in the style of real pages: what goes, and what a clean text keeps."""

from __future__ import annotations

import pytest

import speechclean

BODY = "今天的会议，主要任务是总结去年的工作，部署今年的任务。大家要认真落实，确保各项工作取得实效。"


def clean(text: str, **options: object) -> speechclean.Page:
    return speechclean.clean(text, kind="text", **options)


def lost(page: speechclean.Page) -> list[str]:
    return [r.text for r in page.removals if r.step in ("boilerplate", "structure") and r.text.strip() != (page.title or "")]


# -- clean text keeps what only looks like chrome -------------------------------------------------
def test_symbols_set_apart_from_code_lines_are_kept() -> None:
    text = "Windows 设置代理\nset http_proxy\n=\nhttp://127.0.0.1:7890\n# 恢复\nset https_proxy\n=\n" + BODY
    page = clean(text)
    assert page.text.count("\n=\n") == 2 and not lost(page)


def test_stray_punctuation_beside_chrome_still_goes() -> None:
    page = clean(BODY + "\n相关热词搜索：讲话 会议\n;\n")
    assert ";" not in page.text.splitlines()


def test_a_repeated_remark_is_not_the_title() -> None:
    page = clean("又要放假了，元旦要来啦！\n元旦快乐！\n元旦快乐\n" + BODY)
    assert page.title is None and "元旦快乐！" in page.text and "\n元旦快乐\n" in page.text


def test_a_repeated_title_still_is() -> None:
    page = clean("市长在全市工作会议上的讲话\n首页 > 讲话稿 > 市长在全市工作会议上的讲话\n市长在全市工作会议上的讲话\n" + BODY)
    assert page.title == "市长在全市工作会议上的讲话"


def test_bylines_and_bracketed_credits_are_the_articles_own() -> None:
    page = clean("某某报记者 王小明 来源：某某日报\n" + BODY + "\n（本文来源：某某日报 作者：某研究院研究员张三）")
    assert "记者 王小明" in page.text and "本文来源" in page.text and not lost(page)


def test_plain_metadata_lines_still_go() -> None:
    page = clean("来源：某某网 作者：张三\n" + BODY)
    assert "来源" not in page.text


def test_comments_under_a_tag_list_end_the_list() -> None:
    text = BODY + "\n标签：\n工作总结\n会议纪要\n我喜欢这个设计理念！👍👍\n@小王 哈哈哈，和我想的一样\n"
    page = clean(text)
    assert "工作总结" not in page.text and "会议纪要" not in page.text
    assert "我喜欢这个设计理念！" in page.text and "@小王 哈哈哈" in page.text


# -- a text page quoting markup is a text page ----------------------------------------------------
def test_a_tutorial_quoting_inline_tags_is_text_and_keeps_its_code() -> None:
    from speechclean.steps.extract import html_evidence

    text = ("调用系统功能\n\n使用<a>能快速调用电话和短信功能，关键在于格式要准确，否则会被移动端浏览器忽略。\n\n"
            "<!-- 拨打电话 -->\n<a href=\"tel:10086\">拨打电话给客服</a>\n\n<!-- 发送短信 -->\n<a href=\"sms:10086\">发送短信给客服</a>\n"
            "<input type=\"file\" accept=\"image/*\">\n")
    assert html_evidence(text) is None
    page = speechclean.clean(text)
    assert page.kind == "text" and "否则会被移动端浏览器忽略" in page.text and "拨打电话给客服" in page.text
    assert html_evidence("<div><a href='/a'>首页</a></div>\n<div><a href='/b'>新闻</a></div>\n" + "正文内容。" * 20) == "markup"


# -- a site's name stamped at the ends of clauses -------------------------------------------------
STAMPED = """一文吃透 Kotlin 中的函数家族：稿子汇
细看这些叫法，貌似用都会用稿子汇。但要论其个中区别乃至实现原理，则难以讲得明白。
Kotlin 中定义方法的时候，如果函数体是单个表达式，可以进行函数简化稿子汇
简化的形式是直接赋值：不仅可以省略花括号，还可以省略返回类型稿子汇
这样子的写法很接近于日常表达习惯稿子汇，简单明了。
反编译之后发现其采用的是三元运算符的写法稿子汇"""


def test_a_name_stamped_at_clause_ends_is_cut_and_the_sentences_read_whole() -> None:
    page = clean(STAMPED)
    assert "稿子汇" not in page.text + (page.title or "")
    assert "这样子的写法很接近于日常表达习惯，简单明了。" in page.text and "貌似用都会用。但要论其" in page.text
    cuts = [r for r in page.removals if r.rule == "chrome.watermark"]
    assert len(cuts) == 6 and all(r.span for r in cuts[1:])


def test_phrases_prose_repeats_at_clause_ends_are_not_stamps() -> None:
    text = ("第四章 中国式现代化创造人类文明新形态\n报告认为，中国式现代化，创造了人类文明新形态。不同于西方式现代化。\n"
            "中国共产党带领人民走出了中国式现代化道路，创造了人类文明新形态，拓展了发展中国家走向现代化的途径。\n"
            "中国式现代化作为人类文明新形态，与全球其他文明相互借鉴。\n第四章 中国式现代化创造人类文明新形态\n"
            "一级标题\n二级标题\n三级标题\n四级标题\n")
    page = clean(text)
    assert not [r for r in page.removals if r.rule == "chrome.watermark"]


def test_a_stamp_goes_on_traditional_pages_with_convert_off() -> None:
    page = clean(STAMPED.replace("稿子汇", "稿子匯").replace("这样子的写法", "這樣子的寫法"), convert="off")
    assert "稿子匯" not in page.text and "這樣子的寫法很接近于日常表达习惯，简单明了。" in page.text


# -- credits glued inside a line ------------------------------------------------------------------
def test_credits_glued_inside_a_line_are_cut_and_the_rest_stays() -> None:
    line = "原标题：软件开发中的理性决定作者 | 邹欣 责编 | 梦依丹出品 | CSDN（ID:CSDNnews）问题来了，我们在商言商，怎么能让更多的人付钱使用我们的产品呢？"
    page = clean(line + "\n" + BODY)
    assert "邹欣" not in page.text and "梦依丹" not in page.text and "CSDNnews" not in page.text
    assert "原标题：软件开发中的理性决定问题来了，我们在商言商" in page.text
    assert [r.rule for r in page.removals if r.step == "boilerplate"] == ["boilerplate.inline-credits"]


def test_one_bar_credit_inside_prose_is_not_cut() -> None:
    line = "这本书的作者 | 张三 在序言里写道，读书要读原著。我们认真读了三遍，收获很大。"
    assert clean(line + "\n" + BODY).text.startswith(line)


# -- jammers with few digits or few glued symbols -------------------------------------------------
def test_jammers_of_letters_and_symbols_or_letters_and_digits_are_cut() -> None:
    page = clean("% H, N8 ]: q: }. q! v（一）讲话稿的概念& J* D0 x: J2 [* c5 C6 w\n" + BODY)
    assert page.text.startswith("（一）讲话稿的概念\n")
    assert sum(r.rule == "boilerplate.jammer" for r in page.removals) == 2


def test_formulas_and_code_with_short_tokens_are_not_jammers() -> None:
    for line in ("设 x1 + x2 + x3 = y1 ，求解。", "交换两个变量：a, b = b, a 即可。", "令 f = a * b + c ，则结果为正。"):
        assert clean(line + "\n" + BODY).text.startswith(line), line


# -- titles ---------------------------------------------------------------------------------------
def test_the_line_above_the_articles_metadata_is_the_title_not_a_menu_item() -> None:
    text = ("• 聊天消息\n• 系统消息\n会员中心\n创作中心\n完善资料让更多小伙伴认识你，还能领取20积分哦，立即完善>\n"
            "深入理解RESTful Api设计\n来源：某某技术 作者：张三 2022-06-14 15:43\n" + BODY)
    page = clean(text)
    assert page.title == "深入理解RESTful Api设计"


def test_a_sidebar_label_is_never_the_title() -> None:
    page = clean("某某网，免费下载，在线观看，高清无码\n正文内容\n工作指引（征求意见稿）-免费阅读\n" + BODY + "\n" + BODY)
    assert page.title == "工作指引（征求意见稿）"
    assert "免费阅读" not in page.text


def test_a_list_under_related_links_stops_at_the_title_above_its_date() -> None:
    text = ("当前位置：首页 » 服务存储 » 什么存储器需要随时存储电荷\n扩展阅读\n怎么引入js 2023-08-31 21:54:13\n"
            "什么存储器需要随时存储电荷\n发布时间： 2022-01-13 03:50:56\n" + BODY)
    page = clean(text)
    assert page.title == "什么存储器需要随时存储电荷" and "引入js" not in page.text


# -- lists, nav runs and glued links --------------------------------------------------------------
def test_editor_picks_go_with_their_titles_up_to_the_next_article() -> None:
    text = ("大学生实习报告范文第1篇\n" + BODY + "\n特此证明。\n编辑推荐：\n小编推荐：标准实习报告格式\n暑假实习报告\n实习证明大全\n"
            "大学生实习报告范文第2篇\n" + BODY)
    page = clean(text)
    assert "暑假实习报告" not in page.text and "实习证明大全" not in page.text and "标准实习报告格式" not in page.text
    assert [d.title for d in page.documents] == ["大学生实习报告范文第1篇", "大学生实习报告范文第2篇"]


def test_a_nav_run_without_separators_goes() -> None:
    page = clean("网站首页节日演讲稿爱国纪念日演讲稿工作学习演讲稿青春励志演讲稿\n" + BODY)
    assert page.text == BODY


def test_a_related_link_and_a_slogan_glued_to_lines_are_cut() -> None:
    page = clean("（1）什么存储器需要随时存储电荷扩展阅读\n" + BODY + "稿子汇，范文学习文库")
    assert page.text == "（1）什么存储器需要随时存储电荷\n" + BODY


def test_advert_headlines_under_recommended_reading_go_and_prose_stays() -> None:
    text = BODY + "\n推荐阅读：\n专为初中生打造的超强笔记术，实现学渣变学霸的华丽转身\n97%的学生不知道的中考作文潜规则：想要作文提高15分，得这样学\n"
    page = clean(text)
    assert page.text == BODY
    text = BODY + "\n相关文章\n" + BODY
    assert clean(text).text.count(BODY) == 2


# -- menus before the body, labels, free-service adverts ------------------------------------------
def test_a_bulleted_menu_before_the_body_goes_as_a_whole_and_the_title_stays() -> None:
    menu = "\n".join(f"• {w}" for w in ("聊天消息", "系统消息", "评论与回复", "下载海量资料", "学习在线课程", "观看技术视频", "写文章/发帖/加入社区"))
    text = "登录后你可以\n" + menu + "\n会员中心\n深入理解接口设计\n来源：某某技术 作者：张三 2022-06-14 15:43\n" + "\n".join([BODY * 2] * 4)
    page = clean(text)
    assert "下载海量资料" not in page.text and "写文章" not in page.text and "聊天消息" not in page.text
    assert page.title == "深入理解接口设计"
    # the head runs down to the title above the byline: every item goes, each with its score and cues
    cut = [r for r in page.removals if r.rule == "chrome.line"]
    assert len(cut) >= 7 and all(r.score is not None and r.cues for r in cut)


def test_a_bulleted_list_inside_the_body_stays() -> None:
    items = "\n".join(f"• {w}" for w in ("网络上的所有事物都被抽象为资源", "每个资源都有唯一的标识符", "同一个资源具有多种表现形式", "对资源的操作不改变标识符", "所有的操作都是无状态的"))
    text = BODY + "\n原则\n" + items + "\n" + BODY
    assert clean(text).text == text


def test_a_content_label_and_a_free_service_advert_go() -> None:
    page = clean("正文内容\n免费测运势 免费批八字：\n" + BODY)
    assert page.text == BODY
    assert "全面实行免费教育、免费医疗。" in clean(BODY + "\n全面实行免费教育、免费医疗。").text


def test_hex_numbered_section_headings_are_headings() -> None:
    text = ("某某论坛 发表于 2022-11-14 23:07\n本帖最后由 张三 于 2022-11-16 17:19 编辑\n0x00 前言\n声明：仅作技术交流，请勿恶意利用。"
            + BODY + "\n0x01 分析\n" + BODY)
    page = clean(text)
    assert "0x00 前言" in page.text and "0x01 分析" in page.text
    from speechclean.chrome.classify import _reads_as_heading
    from speechclean.chrome.cues import line_cues

    assert _reads_as_heading("0x00 前言", line_cues("0x00 前言")) and not _reads_as_heading("0x00 0x01", line_cues("0x00 0x01"))


# -- issue 9, held out: pop-up nags, the header above an article's title, menus, list numbers ---------
HEADER = ("• 聊天消息\n• 系统消息\n• 评论与回复\n登录后你可以\n• 下载海量资料\n• 学习在线课程\n会员中心\n"
          "完善资料让更多小伙伴认识你，还能领取20积分哦，立即完善>\n3天内不再提示\n")


def test_popup_nags_above_an_article_go_and_its_title_stays() -> None:
    page = clean(HEADER + "深入理解RESTful Api设计\n来源：某某建设者 作者：微笑 2022-06-14 15:43\n" + BODY + "\n" + BODY)
    for chrome in ("登录后你可以", "完善资料", "不再提示", "下载海量资料"):
        assert chrome not in page.text, chrome
    assert page.title == "深入理解RESTful Api设计" and BODY in page.text


def test_popup_rule_spares_prose() -> None:
    text = BODY + "\n会议要求立即完善应急预案，进一步完善资料收集和归档制度。\n我以后不再提醒他了。\n" + BODY
    page = clean(text)
    assert "立即完善应急预案" in page.text and "不再提醒他" in page.text and not lost(page)


def test_the_articles_title_above_its_byline_ends_the_head() -> None:
    from speechclean.steps.boilerplate import layout
    from speechclean.steps.ruleset import ruleset

    prompt = "这里汇聚了海量的学习资料和视频课程，每天都有新的内容更新，快来一起学习交流吧。"
    text = "\n".join(["会员中心", prompt, "深入理解某某接口设计", "来源：某某网 作者：张三 2022-06-14"] + [BODY * 2] * 4)
    lay = layout(text, ruleset(()))
    assert lay.body[1] and lay.first == 1  # the dense prompt passes for the body's first line…
    assert lay.start == 2 and lay.edges()[0] == 2  # …but the article's title above its byline ends the head


def test_a_sidebar_label_above_a_date_does_not_end_the_head() -> None:
    from speechclean.steps.boilerplate import layout
    from speechclean.steps.ruleset import ruleset

    lay = layout("\n".join(["注册时间", "2010-2-9", BODY * 2, BODY * 2]), ruleset(()))
    assert lay.start is None


def test_a_title_like_item_inside_a_menu_goes_with_it_but_not_at_its_border() -> None:
    from speechclean.chrome.runs import menu_goes

    view = ["站点新闻中心", "• 聊天", "热门推荐栏目", "• 系统", "• 评论", "深入理解接口设计"]
    verdicts = {i: (0.6, ()) for i in range(len(view))}
    cut = {"min_lines": 4, "min_mean": 0.5, "line_floor": 0.3, "long_lines": 8, "long_mean": 0.3}
    goes = menu_goes(view, list(range(len(view))), set(), verdicts, cut)
    assert goes == [1, 2, 3, 4]  # the first and last lines may be the site's name or the article's title
    assert menu_goes(view, list(range(len(view))), set(), {i: (0.4, ()) for i in range(6)}, cut) == []
    long_view = view[:1] + [f"• 栏目{n}" for n in range(8)] + view[-1:]  # a whole site menu: a lower mean will do
    assert menu_goes(long_view, list(range(10)), set(), {i: (0.4, ()) for i in range(10)}, cut) == list(range(1, 9))


def test_menu_cut_offs_are_derived_data() -> None:
    from speechclean.chrome.model import model

    menu = model().menu
    assert set(menu) == {"min_lines", "min_mean", "line_floor", "long_lines", "long_mean"}
    assert 0 < menu["line_floor"] <= 1 and menu["long_mean"] <= menu["min_mean"] and menu["long_lines"] > menu["min_lines"]


def test_list_items_running_over_several_lines_keep_their_numbers() -> None:
    items = []
    for n, name in enumerate(["上海东方明珠广播电视塔", "上海野生动物园", "上海自然博物馆", "上海欢乐谷", "上海海昌海洋公园"], 1):
        items += [f"{n}、{name}", "成人票原价：180元", "备注：所有游客（含儿童、长者等）购买日场门票均享130元/人，下午场票同享130元/人"]
    page = clean("\n".join(items))
    for n in range(1, 6):
        assert f"\n{n}、上海" in "\n" + page.text, n
    assert not lost(page)


def test_list_items_ending_on_semicolons_are_no_pages() -> None:
    fill = "销售渠道是度假区官方手机应用程序、度假区官方网站、度假区官方微信公众号和度假区预订服务中心"
    page = clean(f"备注：\n1、{fill}；\n2、{fill}；\n3、{fill}。")
    assert all(f"{n}、销售渠道" in page.text for n in (1, 2, 3)) and not lost(page)


def test_a_credit_of_compiled_reports_is_the_articles_own() -> None:
    page = clean(BODY + "\n来源 | 综合新华社、南方都市报")
    assert "综合新华社" in page.text and not lost(page)


# -- prompts glued to the end of a long line ----------------------------------------------------------
PAPER = ("第一章摘要由于我国种茶历史悠久，种植地域广泛，迫切需要机械修剪器具来代替手工修剪。本课题即针对成龄茶树的深修剪、"
         "衰老茶树的重修剪或台刈面临的问题及现有修剪设备的不足，研究出一种全新的茶树重修剪机械设备，并对整机各结构部件进行协调，"
         "对修剪机所用刀片的材料、结构进行分析，研制配套的传动系统。关键字：机械修剪器具，重修剪，传动系统，带轮，轴，机架。")


def test_prompts_at_the_end_of_a_long_line_go_and_the_document_stays() -> None:
    tail = "谢谢朋友对我文章的赏识，充值后就可以下载说明书。下载后请联系QQ：1459919609。我可以将压缩包免费送给你。欢迎朋友的光临！"
    page = clean(PAPER + tail)
    assert page.text == PAPER
    assert [r.rule for r in page.removals] == ["chrome.tail-prompt"] and page.removals[0].text == tail


def test_a_prompt_followed_by_more_of_the_document_is_left_to_the_document() -> None:
    text = PAPER + "下载后请联系客服。" + PAPER[:80] + "。"
    assert clean(text).text == text
    text = PAPER + "要及时下载安装国家反诈中心APP，防范电信诈骗。"
    assert clean(text).text == text


# -- a title cut into keyword links -----------------------------------------------------------------
def test_a_title_cut_into_keyword_lines_loses_them_and_keeps_the_title() -> None:
    text = "党课\n讲稿\n就要\n样子\n党课讲稿：“大就要有大的样子”\n" + BODY * 2
    page = clean(text)
    assert "\n讲稿\n" not in "\n" + page.text + "\n" and "就要\n" not in page.text
    assert {r.rule for r in page.removals if r.text in ("党课", "讲稿", "就要", "样子")} == {"chrome.title-tokens"}
    assert "党课讲稿" in (page.title or "") + page.text


def test_short_headings_that_are_not_a_lines_words_stay() -> None:
    text = "目录\n总则\n职责\n附则\n本办法的总则部分规定了适用范围。\n" + BODY * 2
    assert clean(text).text == text


def test_a_bar_of_chrome_words_goes_and_prose_with_the_same_words_stays() -> None:
    page = clean("返回 下载 相关 举报\n" + BODY * 2)
    assert page.text == BODY * 2 and page.removals[0].rule == "chrome.button-bar"
    text = "下载 文件后请先解压。\n" + BODY * 2
    assert clean(text).text == text


# -- known: idempotence when the structure step takes a line the classifier counted as a neighbour ------
# (the first example found, 找回密码/>一/0000@@@一一一一一站/@, passes with the weights re-derived on the
# doc_title/reader vocabulary; this one, found by a random search over the same pieces, fails on main a069315 too)
@pytest.mark.xfail(strict=True, reason="pre-existing (fails the same on 04aa9ac and a069315): the title the structure "
                   "step takes was a neighbour of the lines the classifier judged, so the second pass judges them without it")
def test_cleaning_twice_changes_nothing_when_the_title_was_a_neighbour() -> None:
    once = clean("@\n一一一一\n首页\n>>\nQQ登录")
    assert clean(once.text).text == once.text
