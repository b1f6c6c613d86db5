"""使用说明 (F1): the offline help, written as HTML from the program's own data.

The steps come from the format definition, the checks from the rule ids the checks
report (RULE_HELP, one entry per id, kept complete by a test), the folders from
app.recovery, the advice on pasting from app.export.html — so the help cannot drift
from what the program does.
"""

from __future__ import annotations

from html import escape

from app.checks import ERROR, SEVERITY_LABEL, WARNING
from app.formats import Format, all_formats
from app.recovery import autosave_dir, data_dir, settings_path

# rule id -> (severity, what it means, how to fix it)
RULE_HELP: dict[str, tuple[str, str, str]] = {
    "meta.organ-missing": (ERROR, "没有填写机关名称。", "在“基本信息”中填写机关全称，如“甘坊镇人民政府”。"),
    "meta.format-year": (WARNING, "报告年度与所用的报告格式不相符。", "在“基本信息”的“报告格式”中改用提示的格式。"),
    "meta.date-missing": (WARNING, "没有成文日期（落款日期）。", "在“基本信息”中勾选并填写成文日期。"),
    "meta.date-before-period": (WARNING, "成文日期不在报告年度之后。", "改为报告年度次年年初的日期。"),
    "meta.date-late": (WARNING, "成文日期晚于每年1月31日的公布期限。", "核对日期；确实晚于期限的，如实填写。"),
    "meta.title-kind": (
        WARNING,
        "标题不是“……政府信息公开工作年度报告”。",
        "清空标题使用默认标题，或改成年度报告的标题。",
    ),
    "meta.title-year": (WARNING, "标题中的年份与报告年度不一致。", "改正标题中的年份或报告年度。"),
    "intro.missing": (WARNING, "没有开头说明。", "在“基本信息”中点“按基本信息重新生成”，再按需修改。"),
    "intro.notice": (WARNING, "开头引用的格式通知与本报告的格式不符。", "按提示改正通知文号，或重新生成开头说明。"),
    "intro.period": (WARNING, "开头写的统计期限与报告年度不一致。", "改正统计期限的年份。"),
    "intro.placeholder": (
        WARNING,
        "开头说明中还留着待填写的地址或电话。",
        "在“基本信息”中填写地址和电话（开头说明未改动过时会自动更新）。",
    ),
    "s1.empty-subsection": (
        WARNING,
        "“一、总体情况”缺少小节，或有小节没有内容。",
        "在“一、总体情况”中补写该小节，或删除不需要的小节。",
    ),
    "s2.township-regulation": (
        WARNING,
        "乡镇（街道）没有制定规章的权限，规章一行却填了数字。",
        "核对是否应填在“行政规范性文件”一行。",
    ),
    "s2.items-negative": (WARNING, "上年项目数量加本年增/减后为负数。", "核对“上一年项目数量”和“本年增/减”。"),
    "s2.published-exceeds-total": (WARNING, "本年公开的件数多于现行有效件数。", "核对这两个数字。"),
    "s2.in-force-carry": (
        WARNING,
        "现行有效件数与上年现行有效件数加本年制发、减本年废止不符。",
        "核对本年和上年报告中的这几个数字。",
    ),
    "s3.balance": (
        ERROR,
        "第三部分的勾稽关系不平：每一列“一+二”应等于“三（七）+四”。",
        "按提示的列核对新收、上年结转、办理结果和结转下年的数字；出错的单元格标为红色。",
    ),
    "s3.carry-over": (
        WARNING,
        "本年“上年结转”与上年报告的“结转下年度继续办理”不一致。",
        "按上年报告改正“二、上年结转政府信息公开申请数量”。",
    ),
    "s3.carry-over-year": (
        WARNING,
        "用于核对的上年草稿不是上一年度的。",
        "在“基本信息”的“上年草稿”中选择上一年度的草稿。",
    ),
    "tables.same-as-last-year": (WARNING, "整张表格的数字与上年报告完全相同，可能是照抄。", "核对本年度的实际数字。"),
    "s5.too-short": (
        WARNING,
        "“五、存在的主要问题及改进情况”没有填写或过于简单。",
        "写明存在的问题、改进措施和上年问题的整改情况。",
    ),
    "s6.fee-statement": (
        WARNING,
        "第六部分没有说明信息处理费的收取情况（2021年版格式要求）。",
        "写明收取情况；未收取的写明“未收取信息处理费”。",
    ),
    "text.sum": (
        WARNING,
        "正文中写的数字与表格中的数字不一致。",
        "点击该条，正文中对应的句子会标出颜色，改正正文或表格。",
    ),
    "text.last-year": (WARNING, "正文的句子与上年报告相同或几乎相同。", "按本年度的实际情况改写。"),
    "text.repeated": (WARNING, "正文中有重复的句子。", "删去或改写重复的句子。"),
}


def format_rule_ids() -> set[str]:
    """Every rule id the format definitions name."""
    return {check["id"] for fmt in all_formats().values() for check in fmt.checks}


def _steps(fmt: Format) -> str:
    items = ["<li><b>基本信息</b>：机关名称、报告年度、格式、成文日期、联系方式；开头说明可按这些信息自动生成。</li>"]
    for section in fmt.sections:
        hint = f"：{escape(section.hint)}" if section.hint else ""
        items.append(f"<li><b>{escape(section.heading)}</b>{hint}</li>")
    return "<ol>" + "".join(items) + "</ol>"


def _checks() -> str:
    rows = []
    for rule, (severity, meaning, fix) in RULE_HELP.items():
        rows.append(
            f"<tr><td>{SEVERITY_LABEL[severity]}</td><td>{escape(meaning)}</td><td>{escape(fix)}</td>"
            f"<td><small>{escape(rule)}</small></td></tr>"
        )
    return (
        '<table border="1" cellspacing="0" cellpadding="4"><tr><th>类别</th><th>含义</th><th>怎样改正</th><th>编号</th></tr>'
        + "".join(rows)
        + "</table>"
    )


def help_html() -> str:
    from app.export.html import PASTE_ADVICE  # the exporter's advice, loaded only when help is shown

    fmt = max(all_formats().values(), key=lambda f: f.id)
    return f"""<h2>年报助手 使用说明</h2>
<p>本程序用于编写政府信息公开工作年度报告。所有内容只保存在本机，不联网。</p>
<h3>一、编写步骤</h3>
<p>在开始页新建报告（或打开草稿、导入往年报告），然后按左侧的步骤逐项填写；
“上一步”“下一步”（Ctrl+PgUp / Ctrl+PgDown）在步骤间切换。以{escape(fmt.name)}为例：</p>
{_steps(fmt)}
<p>表格中直接输入数字，Enter确认并下移，Tab右移，Delete清零，Ctrl+Home / Ctrl+End到第一个 / 最后一个要填的格；
可从Excel或WPS复制一块数字后Ctrl+V粘贴。灰色斜体的合计自动计算。撤销Ctrl+Z，重做Ctrl+Y。</p>
<h3>二、检查结果的含义和改正方法</h3>
<p>每次修改后程序都会检查报告，结果列在窗口下方，左侧每个步骤旁也标出问题数。
<b>错误</b>必须改正（导出或打印前会再次提醒）；<b>提醒</b>请核对，确认无误可以不改。点击一条检查结果可转到相应位置。</p>
{_checks()}
<h3>三、草稿和自动保存</h3>
<p>用“文件 › 保存”（Ctrl+S）把草稿保存为“年报草稿（*.nianbao）”文件，保存位置由您选择（默认在“文档”中）。
未保存的修改每隔几秒自动保存一份副本；程序意外退出后再次打开，开始页会列出这些内容供恢复。</p>
<ul><li>自动保存的副本：{escape(str(autosave_dir()))}</li>
<li>程序设置（最近打开的文件等）：{escape(str(settings_path()))}</li>
<li>程序数据文件夹：{escape(str(data_dir()))}</li></ul>
<h3>四、打印和导出</h3>
<p>“文件 › 打印预览”显示打印出来的样子（A4，按党政机关公文格式排版）；“打印…”（Ctrl+P）选择打印机后打印。
“导出DOCX…”得到可在Word或WPS中修改的文件，“导出PDF…”得到用于报送和存档的文件。</p>
<h3>五、发布到政府网站</h3>
<p>“文件 › 复制为网页”（Ctrl+Shift+C）后，在网站后台的编辑器中粘贴（Ctrl+V），表格一并粘贴。
{escape(PASTE_ADVICE)}</p>
"""
