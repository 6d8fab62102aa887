"""Fill resources/i18n/dafu_zh_CN.ts from this table (run after pyside6-lupdate; see README).

English is the source language of the UI strings; this is their Chinese.
"""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ZH = {
    " ten-thousand yuan": " 万元", "%n finding(s)": "%n 处问题", "%n result(s)": "%n 条结果",
    "&About Dafu": "关于答复(&A)", "&Check now": "立即检查(&C)", "&Edit": "编辑(&E)", "&Export .docx…": "导出 .docx(&E)…",
    "&File": "文件(&F)", "&Find in library": "在资料库中查找(&F)", "&Help": "帮助(&H)",
    "&Import old replies…": "导入旧答复(&I)…", "&New draft": "新建草稿(&N)", "&Open draft file…": "打开草稿文件(&O)…",
    "&Quit": "退出(&Q)", "&Redo": "重做(&R)", "&Save": "保存(&S)", "&Settings…": "设置(&S)…", "&Tools": "工具(&T)",
    "&Undo": "撤销(&U)", "(Background, before the first heading)": "（背景段落，位于第一个标题之前）",
    "(not superseded)": "（未被取代）", "+ Paragraph": "+ 段落", "+ Section": "+ 标题", "+ Subsection": "+ 下级标题",
    "About Dafu": "关于答复", "Add measure": "添加措施", "Add measure…": "添加措施…", "All issuing bodies": "全部单位",
    "All tags": "全部标签", "All years": "全部年份", "All parts": "全部部分", "Apply fix": "应用修改",
    "Autosave every": "自动保存间隔", "Cancel": "取消",
    "Cancelled: %1 replies imported, nothing half-written.": "已取消：导入 %1 份答复，没有留下不完整的记录。",
    "Cancelling after the current file…": "正在取消（当前文件处理完后停止）…",
    "Cannot lay out the reply yet: %s": "暂时无法排版：%s", "Cap": "上限", "Change template": "更换模板",
    "Close": "关闭", "Dafu": "答复", "Dafu %s — draft, check and export official replies.": "答复 %s —— 起草、检查并导出答复函。",
    "Dafu drafts (*.dafu)": "答复草稿 (*.dafu)", "Dafu drafts (*.dafu);;All files (*)": "答复草稿 (*.dafu);;所有文件 (*)",
    "Default contact person": "默认联系人", "Default contact phone": "默认联系电话",
    "Done: %1 replies imported.": "完成：导入 %1 份答复。", "Edit %s": "编辑%s", "Edit heading": "编辑标题",
    "Edit measure": "编辑措施", "Edit measure…": "编辑措施…", "Edit paragraph": "编辑段落", "Edit selected": "编辑所选",
    "Export feedback &form…": "导出征询意见表(&F)…", "Export official reply": "导出答复函", "Exported": "已导出",
    "Exported %s": "已导出 %s", "Exporting…": "正在导出…", "Files skipped:": "跳过的文件：",
    "Folder of old replies": "旧答复所在文件夹", "Give the support item or the policy.": "请填写支持事项或政策名称。",
    "Import old replies": "导入旧答复", "Importing %1 of %2: %3": "正在导入第 %1/%2 份：%3",
    "Insert chosen library paragraph": "插入所选资料库段落", "Insert heading": "插入标题",
    "Insert library paragraphs": "插入资料库段落", "Insert paragraph": "插入段落", "Issuing body": "发文单位",
    "Item": "支持事项", "Language (after restart)": "界面语言（重启后生效）", "Library file": "资料库文件",
    "Library: %s": "资料库：%s", "Updating the library's search index…": "正在更新资料库的检索索引…", "Measures": "政策措施", "More like this": "相似内容", "Move down": "下移",
    "Move heading": "移动标题", "Move paragraph": "移动段落", "Move up": "上移", "New &heading": "新建标题(&H)",
    "New &paragraph": "新建段落(&P)", "New heading": "新标题", "New reply": "新答复", "No findings": "未发现问题",
    "Number paragraphs": "段落编号", "Number paragraphs 一是, 二是…": "段落按“一是、二是……”编号",
    "One-off": "一次性", "Open draft": "打开草稿", "Open folder": "打开所在文件夹", "Outline": "提纲",
    "Paste the deputy's suggestion here": "在此粘贴代表建议原文", "Policy": "政策", "Policy year": "政策年份",
    "Preparing…": "准备中…", "Rate": "比例", "Rate base": "比例基数", "Rate kind": "比例方式", "Recent drafts": "最近的草稿",
    "Recovered the draft from the last session": "已恢复上次未关闭的草稿", "Remove": "删除", "Remove heading": "删除标题",
    "Remove paragraph": "删除段落", "Remove selected": "删除所选", "Save draft as": "草稿另存为",
    "Save draft file &as…": "草稿另存为(&A)…", "Saved %s": "已保存 %s", "Search": "检索",
    "Search the library (one or two characters work too)": "检索资料库（一两个字也可以）",
    "Select a paragraph to edit it here": "在提纲中选择段落后在此编辑", "Settings": "设置", "Superseded by": "被以下措施取代",
    "Support item": "支持事项", "Text": "原文", "The measure cannot end before it starts.": "措施的截止日期不能早于起始日期。",
    "This finding cannot be fixed automatically here": "这一处无法自动修改，请手工修改", "User template folder": "用户模板文件夹",
    "Valid from": "生效日期", "Valid to": "截止日期", "Word documents (*.docx)": "Word 文档 (*.docx)",
    "Write dates as 2023-01-01: %s": "日期请写成 2023-01-01 的形式：%s",
    "Opening": "开头语", "Background": "背景", "Work done": "工作开展情况", "Next steps": "下一步工作", "Closing": "结束语",
    "Other": "其他", "Meeting": "会议", "Meeting (short form)": "会议（简称）", "Suggestion title": "建议题目",
    "Proposal title": "提案题目", "Number": "编号", "Deputies": "代表", "Members": "委员", "Date": "日期",
    "Contact person": "联系人", "Contact phone": "联系电话", "Document number": "发文字号", "Result class": "办理结果分类",
    "Disclosure": "公开方式", "Signer": "签发人", "CC": "抄送", "Thanks": "致谢语", "Closing thanks": "结尾致谢",
    "Reply word": "答复用词", "Salutation": "称谓", "Title lines": "标题分行", "Contact line": "联系人位置",
    "Lead unit": "主办单位", "Subject": "事由", "Addressee": "主送", "Consulted": "是否已沟通", "Form title": "表格标题",
    "Return within days": "反馈期限（天）",
    "(untitled)": "（未命名）", "Unsaved changes": "未保存的修改", "Save the changes to %s?": "是否把修改保存到 %s？",
    "Either way the draft stays in the library under File → Recent drafts.":
        "无论如何选择，草稿都已保存在资料库中（文件 → 最近的草稿）。",
    # Library side: import dialog
    "Cancelled: %1 replies imported, %2 already in the library, %3 skipped; nothing half-written.":
        "已取消：导入 %1 份答复，%2 份已在资料库中，跳过 %3 个文件；没有留下不完整的记录。",
    "Done: %1 replies imported, %2 already in the library, %3 skipped.":
        "完成：导入 %1 份答复，%2 份已在资料库中，跳过 %3 个文件。",
    "Choose a folder first.": "请先选择文件夹。", "Choose folder…": "选择文件夹…",
    "Choose the folder that holds the old replies (.docx .doc .wps .pdf .txt)":
        "选择存放旧答复的文件夹（.docx、.doc、.wps、.pdf、.txt）",
    "Import": "导入", "Imported %1 of %2: %3": "已处理 %1/%2：%3", "Looking for replies…": "正在查找答复文件…",
    "Ready to import.": "可以开始导入。",
    # Library side: search pane, measures table and dialog
    "used in %n replies": "%n 份答复用过", "Part of the reply": "答复中的部分", "Year of the reply": "答复年份",
    "Tag": "标签", "Filter measures": "筛选政策措施", "First %n results; type more to narrow them":
        "仅显示前 %n 条结果，请继续输入以缩小范围", "Looking…": "正在查找…",
    "%n similar paragraph(s), best first": "%n 个相似段落，按相关程度排列",
    "The rate must be a number of percent, e.g. 30: %1": "比例应为百分数，例如 30：%1",
    "The rate must lie between 0 and 100 percent: %1": "比例应在 0 至 100% 之间：%1",
    "The cap must be an amount in 10,000 yuan, e.g. 500: %1": "上限应为以万元计的金额，例如 500：%1",
    "The cap cannot be negative: %1": "上限不能为负数：%1",
    "Write dates as 2023-01-01 or 2023年1月1日: %1": "日期请写作 2023-01-01 或 2023年1月1日：%1",
    "in 10,000 yuan, e.g. 500": "单位万元，例如 500", "Cap (10,000 yuan)": "上限（万元）", "Rate (%)": "比例（%）",
    "This measure supersedes that one; it cannot also be superseded by it.": "本措施已取代该措施，不能再被它取代。",
    # Issue 10: a clerk's whole day — form, paragraphs, find/replace, full text, library management
    "e.g. 2024年5月20日 or 2024-5-20": "如 2024年5月20日 或 2024-5-20", "Choose the date on a calendar": "在日历上选日期",
    "Full text": "全文", "Split paragraph": "拆分段落", "Paste %n paragraph(s)": "粘贴 %n 个段落",
    "A paragraph that ends in 一是/二是 items cannot take more text": "以“一是、二是”分项结尾的段落不能再接文字",
    "Join paragraphs": "合并段落", "%n match(es) in the draft": "草稿中共 %n 处", "Not found": "未找到",
    "%1 of %2": "第 %1 处，共 %2 处", "Replace “%1”": "替换“%1”", "Replace “%1” with “%2”": "将“%1”替换为“%2”",
    "Replaced %n occurrence(s)": "已替换 %n 处", "Find in the draft": "在草稿中查找", "Replace with": "替换为",
    "Previous": "上一处", "Next": "下一处", "Replace": "替换", "Replace all": "全部替换", "Close (Esc)": "关闭（Esc）",
    "Insert into the draft": "插入草稿", "Tags…": "标签…", "The library is empty": "资料库还是空的",
    "Import a folder of your office's earlier replies (.docx .doc .wps .pdf .txt): their paragraphs and the policy "
    "measures they cite become searchable here, and you build new replies from them. Or start with the sample reply "
    "that comes with Dafu.": "导入本单位以往答复所在的文件夹（.docx、.doc、.wps、.pdf、.txt）：其中的段落和引用的"
                             "政策措施都能在这里检索，用来拼写新的答复。也可以先加入软件自带的示例答复看看。",
    "Import old replies…": "导入旧答复…", "Add the sample reply": "加入示例答复",
    "&Find…": "查找(&F)…", "Find and &replace…": "查找和替换(&R)…",
    "&Copy reply body for the online system": "复制答复正文（供网上办理系统）(&C)", "New s&ubheading": "新建下级标题(&U)",
    "&View": "视图(&V)", "&Outline": "提纲(&O)", "&Full text": "全文(&F)", "&Library": "资料库(&L)",
    "&Search the library": "检索资料库(&S)", "&Replies in the library…": "资料库中的答复(&R)…",
    "&Tags of the chosen paragraph…": "所选段落的标签(&T)…",
    "The body still has gaps: fill in %s first.": "正文还有空缺：请先填写%s。",
    "Copied the reply body (%n characters) for the online handling system": "已复制答复正文（%n 字），可粘贴到建议提案网上办理系统",
    "This finding has no automatic fix: the text is selected for you to change by hand":
        "这一处没有自动修改，已选中相应文字，请手工修改",
    "This text is laid out by the template or the numbering, not typed in the draft: change it in the form or the outline":
        "这段文字由模板或自动编号生成，不在草稿正文中：请在表单或提纲中修改",
    "The text changed since it was checked; checking again": "检查之后文字已有改动，正在重新检查",
    "Fixed: %s": "已修改：%s", "The reply cannot be exported yet: %s": "暂时不能导出：%s",
    "fill in %s (marked red in the form)": "请填写%s（已在表单中标红）", "Errors still open": "仍有错误",
    "The checks still find %n error(s) in this reply.": "检查仍发现 %n 处错误。", "Export anyway": "仍然导出",
    "Show them": "查看错误", "Choose a paragraph among the library's results first": "请先在资料库检索结果中选中一个段落",
    "Tags of the paragraph: %s": "段落的标签：%s", "Tags saved": "标签已保存",
    "Not checked: the reply cannot be laid out yet": "尚未检查：答复暂时无法排版",
    "Still to fill in: %s (marked red in the form)": "还需填写：%s（已在表单中标红）",
    "Apply fix puts in: %s": "应用修改后为：%s", ", %n error(s)": "，其中错误 %n 处",
    "This finding has no automatic fix: change the text by hand": "这一处没有自动修改，请手工修改",
    "Replies in the library": "资料库中的答复", "Filter by title, number, issuing body or file name": "按标题、编号、发文单位或文件名筛选",
    "Title": "标题", "File": "文件", "Imported": "导入时间", "Tags": "标签", "Remove selected…": "删除所选…",
    "Remove this whole import…": "删除整批导入…", "Import:": "导入批次：", "All imports": "全部批次",
    "%1 · %2 · %n reply(ies)": "%1 · %2 · %n 份答复", "%n reply(ies)": "%n 份答复", "Remove replies": "删除答复",
    "Remove %n reply(ies) from the library?": "从资料库中删除这 %n 份答复？",
    "Paragraphs and measures that only these replies hold go with them. This cannot be undone.":
        "只属于这些答复的段落和政策措施会一并删除。删除后不能撤销。",
    "Remove an import": "删除整批导入", "Remove the whole import of %1 (%n reply(ies)) from the library?":
        "从资料库中删除 %1 导入的整批答复（%n 份）？", "Removed %n reply(ies)": "已删除 %n 份答复",
    ", with %1 paragraphs and %2 measures only they held": "，以及只属于它们的 %1 个段落、%2 项政策措施",
    "Tags of the reply “%s” (a search by tag finds every paragraph it uses)": "答复“%s”的标签（按标签检索时会找到它用到的每个段落）",
    "(the user template folder in the data folder)": "（数据文件夹中的用户模板文件夹）", "Browse…": "浏览…",
    "Dafu library (*.sqlite);;All files (*)": "答复资料库 (*.sqlite);;所有文件 (*)",
    "New tag, e.g. 养老 or 2024年重点": "新标签，如“养老”或“2024年重点”", "Add": "添加",
    "No findings in what is written so far": "已写部分未发现问题",
    "Import old reply fi&les…": "导入旧答复文件(&L)…", "Old replies to import": "选择要导入的旧答复",
    "Old replies (%s)": "旧答复 (%s)", "All files (*)": "所有文件 (*)",
    # library packs (File → Export / Merge library pack)
    "E&xport library pack…": "导出资料包(&X)…", "&Merge library pack…": "合并资料包(&M)…",
    "Export library pack": "导出资料包", "Merge library pack": "合并资料包",
    "A library pack carries replies with their paragraphs, the measures they cite and their tags to a colleague's "
    "Dafu as one file (File → Merge library pack there).":
        "资料包把答复连同其段落、引用的政策措施和标签打包成一个文件，交给同事的答复软件（在那里用“文件 → 合并资料包”）。",
    "The whole library": "整个资料库", "Only the replies that match:": "只导出符合以下条件的答复：", "Any": "不限",
    "Replies to deputies' suggestions": "人大代表建议答复", "Replies to proposals": "政协提案答复",
    "Co-handling opinions": "会办意见", "Letters": "复函", "Any date, or e.g. 2024年1月1日": "不限，或如 2024年1月1日",
    "Year": "年份", "Kind": "类别", "Dated on or after": "成文日期不早于", "Export…": "导出…",
    "Choose what to export, then Export… to choose where.": "选择要导出的内容，再点“导出…”选择保存位置。",
    "“%s” is not a date: write it as 2024年1月1日 or 2024-1-1.": "“%s”不是日期：请写成 2024年1月1日 或 2024-1-1。",
    "since %s": "%s以后", "library": "资料库", "pack": "资料包",
    "Choose at least one condition, or export the whole library.": "请至少选择一个条件，或导出整个资料库。",
    "Dafu library packs (*.dafupack)": "答复资料包 (*.dafupack)",
    "Dafu library packs (*.dafupack);;All files (*)": "答复资料包 (*.dafupack);;所有文件 (*)",
    "Gathering the replies…": "正在收集答复…", "Gathered %1 of %2 replies…": "已收集 %1/%2 份答复…",
    "Cancelled: no pack was written.": "已取消：没有写出资料包。",
    "Exported %1: %2 replies, %3 paragraphs, %4 measures.": "已导出 %1：答复 %2 份、段落 %3 段、政策措施 %4 项。",
    "Cancelling after the current reply…": "正在取消（当前这份答复处理完后停止）…", "Stopped: %s": "已停止：%s",
    "Pack: %s": "资料包：%s", "Reading the pack…": "正在读取资料包…", "Not merged: nothing changed.": "未合并：资料库没有任何改动。",
    "Merging…": "正在合并…", "Merged %1 of %2 replies…": "已合并 %1/%2 份答复…", "Cancelled: nothing merged.": "已取消：没有合并任何内容。",
    "Replies: %1 added, %2 already in the library. Paragraphs: %3 new. Measures: %4 added, %5 updated.":
        "答复：新增 %1 份，%2 份资料库中已有。段落：新增 %3 段。政策措施：新增 %4 项，更新 %5 项。",
    "%n measure(s) kept as in this library.": "%n 项政策措施保留本机的数值。",
    "Cancelled — the replies merged so far are whole; merge the pack again to finish. %s":
        "已取消——已合并的答复都是完整的；再次合并这个资料包即可完成。%s",
    "Done. %s": "完成。%s", "Exported the library pack %s": "已导出资料包 %s",
    "Merged the library pack: %n reply(ies) added": "已合并资料包：新增 %n 份答复",
    # the conflict dialog
    "Measures that differ": "数值不同的政策措施",
    "%n measure(s) in the pack %1 have other figures or validity than in this library. Choose for each which to "
    "keep; the merge then brings in everything else.":
        "资料包 %1 中有 %n 项政策措施与本机的数值或有效期不同。请逐项选择以哪一方为准；其余内容随后一并合并。",
    "Keep all of mine": "全部保留本机", "Take all from the pack": "全部采用资料包", "Merge": "合并",
    "Policy year": "政策年份", "Support item": "支持事项", "Text": "原文", "Rate": "比例", "Rate base": "比例基数",
    "Rate kind": "比例方式", "One-off": "一次性", "(none)": "（无）", "Yes": "是", "No": "否",
    "This library": "本机", "The pack": "资料包", "Keep mine": "保留本机的", "Take the pack's": "采用资料包的",
    # PDF for publication
    "Export &PDF for publication…": "导出 PDF（供公开）(&P)…", "Export PDF for publication": "导出 PDF（供公开）",
    "PDF documents (*.pdf)": "PDF 文档 (*.pdf)", "Replace files?": "替换文件？",
    "%s already exist(s) in this folder. Replace?": "此文件夹中已有 %s，要替换吗？", "Replace": "替换",
    "Writes the .docx and, beside it, a PDF for publication (made by LibreOffice)":
        "写出 .docx，并在同一文件夹生成供公开的 PDF（由 LibreOffice 转换）",
    "Needs LibreOffice, which was not found: install it (or set DAFU_SOFFICE to its soffice) to export a PDF":
        "需要 LibreOffice，但未找到：安装 LibreOffice（或将 DAFU_SOFFICE 设为其 soffice 程序）后才能导出 PDF",
    "Exporting the .docx and the PDF (LibreOffice)…": "正在导出 .docx 和 PDF（LibreOffice）…",
    "Saved %1 and, beside it, %2": "已保存 %1，同一文件夹中另有 %2",
    # seal and 版记 in the form
    "Seal": "加盖印章", "Printed by": "印发机关", "Printed on": "印发日期",
    "Sealed layout (room for the seal)": "盖章版式（落款处留出印章位置）",
    "GB/T 9704 §7.3.5.1: the date ends four characters from the right, the issuing body is centred over it, and "
    "two blank lines leave room for the seal":
        "GB/T 9704—2012 第7.3.5.1条：成文日期右空四字，发文机关署名以成文日期为准居中，空两行留出盖章位置",
    "The 印发机关 of the 版记 at the foot of the last page (printed with 抄送); empty: the issuing body":
        "末页版记中的印发机关（有抄送时印出）；留空则同发文机关",
    "The 印发日期 of the 版记 (printed with 抄送); empty: the date": "版记中的印发日期（有抄送时印出）；留空则同成文日期",
    "Empty: as the %1 (%2)": "留空则同%1（%2）",
    "Under the date (附注)": "成文日期下方（附注）", "In the page footer": "页脚",
}


def fill(ts_path: Path) -> int:
    tree = ET.parse(ts_path)
    missing = 0
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        zh = ZH.get(source)
        if zh is None:
            missing += 1
            print(f"untranslated: {source!r}", file=sys.stderr)
            continue
        if message.get("numerus") == "yes":
            translation.text = None
            for child in list(translation):
                translation.remove(child)
            ET.SubElement(translation, "numerusform").text = zh
        else:
            translation.text = zh
        translation.attrib.pop("type", None)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    sys.exit(1 if fill(Path(sys.argv[1])) else 0)
