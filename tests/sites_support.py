"""Synthetic sites for the site-profile tests: shared chrome around bodies that differ page to page.

The bodies are built from phrase lists written for these tests, so every page's prose is different
while reading like the 范文/news prose speechclean cleans.
"""

from __future__ import annotations

import random

SUBJECTS = ["各级党组织", "全体干部职工", "各部门负责人", "基层单位", "广大青年", "各乡镇街道", "教育系统", "卫生系统",
            "财政部门", "宣传部门", "科技企业", "社区工作者", "农业农村部门", "交通运输系统", "文化旅游部门"]
ACTIONS = ["要切实加强", "必须持续推进", "应当认真落实", "要不断完善", "要大力推动", "需要统筹做好", "要深入开展",
           "要着力提升", "要扎实抓好", "要全面深化"]
OBJECTS = ["安全生产责任制", "乡村振兴重点任务", "营商环境优化工作", "基层治理能力建设", "干部作风建设", "民生实事项目",
           "生态环境保护", "科技创新体系建设", "文化惠民工程", "防汛抗旱准备工作", "疫情防控常态化措施", "人才引进计划",
           "数字政府建设", "教育教学改革", "公共卫生服务体系"]
ENDS = ["确保各项工作落到实处。", "推动工作取得新的成效。", "切实维护群众的切身利益。", "为高质量发展提供坚实保障。",
        "努力开创工作新局面。", "以实际行动回应群众期待。", "不断增强群众的获得感和幸福感。"]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}，{rng.choice(ENDS)}"


def body(rng: random.Random, paragraphs: int = 4) -> list[str]:
    """Paragraphs of two or three sentences each; no two pages share one (the generator varies them)."""
    return ["".join(sentence(rng) for _ in range(rng.randint(2, 3))) for _ in range(paragraphs)]


#: The shared chrome of the synthetic site: some lines the rules and the line classifier name, and some
#: that read like content on any one page (a slogan, the site's name, a tag line, section labels).
HEAD = ["绿野范文网", "用心做好每一篇范文，与你一起成长", "首页 | 工作总结 | 讲话稿 | 心得体会 | 演讲稿",
        "安装后可以在桌面快捷访问", "精品推荐"]
TAIL = ["最新更新", "工作总结 述职报告 心得体会 入党申请书", "绿野范文网，你身边的写作助手！", "联系我们 | 网站地图 | 免责声明",
        "Copyright © 2024 绿野范文网 All Rights Reserved"]


def site_pages(n: int = 50, seed: int = 7, url: str = "http://lvye-fanwen.example") -> list[tuple[str, dict]]:
    """``n`` text pages of one site: the same chrome, a different title and body each."""
    rng = random.Random(seed)
    pages = []
    for i in range(n):
        title = f"{rng.choice(OBJECTS)}的工作汇报（{i + 1}）"
        lines = HEAD + [title] + body(rng) + TAIL
        pages.append(("\n".join(lines), {"url": f"{url}/article/{i}.html", "id": i}))
    return pages


def speech_pages(n: int = 30, seed: int = 11, url: str = "http://jianghua.example") -> list[tuple[str, dict]]:
    """A 范文 site whose speeches all open with 同志们： and close with 谢谢大家！, with shared chrome."""
    rng = random.Random(seed)
    pages = []
    for i in range(n):
        lines = ["讲话稿频道 | 范文中心", f"在{rng.choice(OBJECTS)}推进会上的讲话", "同志们：",
                 *body(rng, 3), "一、提高思想认识", *body(rng, 1), "二、强化工作措施", *body(rng, 1), "谢谢大家！",
                 "本文由会员上传，仅供学习参考"]
        pages.append(("\n".join(lines), {"url": f"{url}/{i}.html", "id": i}))
    return pages
