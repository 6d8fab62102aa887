<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/dafu/gui/app.py" line="126" />
        <source>Updating the library's search index…</source>
        <translation>正在更新资料库的检索索引…</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="36" />
        <source>Measures that differ</source>
        <translation>数值不同的政策措施</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="43" />
        <source>%n measure(s) in the pack %1 have other figures or validity than in this library. Choose for each which to keep; the merge then brings in everything else.</source>
        <translation><numerusform>资料包 %1 中有 %n 项政策措施与本机的数值或有效期不同。请逐项选择以哪一方为准；其余内容随后一并合并。</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="53" />
        <source>Keep all of mine</source>
        <translation>全部保留本机</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="54" />
        <source>Take all from the pack</source>
        <translation>全部采用资料包</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="58" />
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="59" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="75" />
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="75" />
        <source>Policy year</source>
        <translation>政策年份</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="75" />
        <source>Support item</source>
        <translation>支持事项</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="76" />
        <source>Text</source>
        <translation>原文</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="76" />
        <source>Rate</source>
        <translation>比例</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="76" />
        <source>Rate base</source>
        <translation>比例基数</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="77" />
        <source>Rate kind</source>
        <translation>比例方式</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="77" />
        <source>Cap</source>
        <translation>上限</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="77" />
        <source>One-off</source>
        <translation>一次性</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="78" />
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="78" />
        <source>Valid to</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="81" />
        <source>Superseded by</source>
        <translation>被以下措施取代</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="84" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="89" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="90" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="101" />
        <source>This library</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="101" />
        <source>The pack</source>
        <translation>资料包</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="115" />
        <source>Keep mine</source>
        <translation>保留本机的</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/conflict_dialog.py" line="116" />
        <source>Take the pack's</source>
        <translation>采用资料包的</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="127" />
        <source>e.g. 2024年5月20日 or 2024-5-20</source>
        <translation>如 2024年5月20日 或 2024-5-20</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="131" />
        <source>Choose the date on a calendar</source>
        <translation>在日历上选日期</translation>
    </message>
</context>
<context>
    <name>DraftPanel</name>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="25" />
        <source>Under the date (附注)</source>
        <translation>成文日期下方（附注）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="29" />
        <source>In the page footer</source>
        <translation>页脚</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="33" />
        <source>Empty: as the %1 (%2)</source>
        <translation>留空则同%1（%2）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="34" />
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="35" />
        <source>Meeting (short form)</source>
        <translation>会议（简称）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="36" />
        <source>Suggestion title</source>
        <translation>建议题目</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="37" />
        <source>Proposal title</source>
        <translation>提案题目</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="38" />
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="39" />
        <source>Deputies</source>
        <translation>代表</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="40" />
        <source>Members</source>
        <translation>委员</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="41" />
        <source>Issuing body</source>
        <translation>发文单位</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="42" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="43" />
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="44" />
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="45" />
        <source>Document number</source>
        <translation>发文字号</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="46" />
        <source>Result class</source>
        <translation>办理结果分类</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="47" />
        <source>Disclosure</source>
        <translation>公开方式</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="48" />
        <source>Signer</source>
        <translation>签发人</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="49" />
        <source>CC</source>
        <translation>抄送</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="50" />
        <source>Opening</source>
        <translation>开头语</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="51" />
        <source>Thanks</source>
        <translation>致谢语</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="52" />
        <source>Closing</source>
        <translation>结束语</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="53" />
        <source>Closing thanks</source>
        <translation>结尾致谢</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="54" />
        <source>Reply word</source>
        <translation>答复用词</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="55" />
        <source>Salutation</source>
        <translation>称谓</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="56" />
        <source>Title lines</source>
        <translation>标题分行</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="57" />
        <source>Contact line</source>
        <translation>联系人位置</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="58" />
        <source>Lead unit</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="59" />
        <source>Subject</source>
        <translation>事由</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="60" />
        <source>Addressee</source>
        <translation>主送</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="61" />
        <source>Consulted</source>
        <translation>是否已沟通</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="62" />
        <source>Form title</source>
        <translation>表格标题</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="63" />
        <source>Return within days</source>
        <translation>反馈期限（天）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="64" />
        <source>Seal</source>
        <translation>加盖印章</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="65" />
        <source>Printed by</source>
        <translation>印发机关</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="66" />
        <source>Printed on</source>
        <translation>印发日期</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="70" />
        <source>Sealed layout (room for the seal)</source>
        <translation>盖章版式（落款处留出印章位置）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="71" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="74" />
        <source>GB/T 9704 §7.3.5.1: the date ends four characters from the right, the issuing body is centred over it, and two blank lines leave room for the seal</source>
        <translation>GB/T 9704—2012 第7.3.5.1条：成文日期右空四字，发文机关署名以成文日期为准居中，空两行留出盖章位置</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="76" />
        <source>The 印发机关 of the 版记 at the foot of the last page (printed with 抄送); empty: the issuing body</source>
        <translation>末页版记中的印发机关（有抄送时印出）；留空则同发文机关</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/value_form.py" line="77" />
        <source>The 印发日期 of the 版记 (printed with 抄送); empty: the date</source>
        <translation>版记中的印发日期（有抄送时印出）；留空则同成文日期</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="122" />
        <source>Select a paragraph to edit it here</source>
        <translation>在提纲中选择段落后在此编辑</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="129" />
        <source>Number paragraphs 一是, 二是…</source>
        <translation>段落按“一是、二是……”编号</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="133" />
        <source>+ Section</source>
        <translation>+ 标题</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="134" />
        <source>+ Subsection</source>
        <translation>+ 下级标题</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="135" />
        <source>+ Paragraph</source>
        <translation>+ 段落</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="136" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="159" />
        <source>Outline</source>
        <translation>提纲</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="160" />
        <source>Full text</source>
        <translation>全文</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="205" />
        <source>(Background, before the first heading)</source>
        <translation>（背景段落，位于第一个标题之前）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="342" />
        <source>Change template</source>
        <translation>更换模板</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="372" />
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="375" />
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="428" />
        <source>Edit %s</source>
        <translation>编辑%s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="419" />
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="425" />
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="431" />
        <source>Edit paragraph</source>
        <translation>编辑段落</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="431" />
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="440" />
        <source>Edit heading</source>
        <translation>编辑标题</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="446" />
        <source>Number paragraphs</source>
        <translation>段落编号</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="467" />
        <source>Split paragraph</source>
        <translation>拆分段落</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="477" />
        <source>Paste %n paragraph(s)</source>
        <translation><numerusform>粘贴 %n 个段落</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="492" />
        <source>A paragraph that ends in 一是/二是 items cannot take more text</source>
        <translation>以“一是、二是”分项结尾的段落不能再接文字</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="496" />
        <source>Join paragraphs</source>
        <translation>合并段落</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="520" />
        <source>Insert paragraph</source>
        <translation>插入段落</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="532" />
        <source>Insert library paragraphs</source>
        <translation>插入资料库段落</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="550" />
        <source>New heading</source>
        <translation>新标题</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="551" />
        <source>Insert heading</source>
        <translation>插入标题</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="567" />
        <source>Remove paragraph</source>
        <translation>删除段落</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="569" />
        <source>Remove heading</source>
        <translation>删除标题</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="580" />
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="590" />
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="622" />
        <source>Move paragraph</source>
        <translation>移动段落</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="598" />
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="632" />
        <source>Move heading</source>
        <translation>移动标题</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="670" />
        <source>%n match(es) in the draft</source>
        <translation><numerusform>草稿中共 %n 处</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="675" />
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="688" />
        <source>%1 of %2</source>
        <translation>第 %1 处，共 %2 处</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="713" />
        <source>Replace “%1”</source>
        <translation>替换“%1”</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="723" />
        <source>Replace “%1” with “%2”</source>
        <translation>将“%1”替换为“%2”</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="724" />
        <source>Replaced %n occurrence(s)</source>
        <translation><numerusform>已替换 %n 处</numerusform></translation>
    </message>
</context>
<context>
    <name>ExportPackDialog</name>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="156" />
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="260" />
        <source>Export library pack</source>
        <translation>导出资料包</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="161" />
        <source>A library pack carries replies with their paragraphs, the measures they cite and their tags to a colleague's Dafu as one file (File → Merge library pack there).</source>
        <translation>资料包把答复连同其段落、引用的政策措施和标签打包成一个文件，交给同事的答复软件（在那里用“文件 → 合并资料包”）。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="163" />
        <source>The whole library</source>
        <translation>整个资料库</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="164" />
        <source>Only the replies that match:</source>
        <translation>只导出符合以下条件的答复：</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="171" />
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="174" />
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="175" />
        <source>Replies to deputies' suggestions</source>
        <translation>人大代表建议答复</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="175" />
        <source>Replies to proposals</source>
        <translation>政协提案答复</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="176" />
        <source>Co-handling opinions</source>
        <translation>会办意见</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="176" />
        <source>Letters</source>
        <translation>复函</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="179" />
        <source>Any date, or e.g. 2024年1月1日</source>
        <translation>不限，或如 2024年1月1日</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="183" />
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="183" />
        <source>Issuing body</source>
        <translation>发文单位</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="184" />
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="184" />
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="185" />
        <source>Dated on or after</source>
        <translation>成文日期不早于</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="192" />
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="196" />
        <source>Choose what to export, then Export… to choose where.</source>
        <translation>选择要导出的内容，再点“导出…”选择保存位置。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="234" />
        <source>“%s” is not a date: write it as 2024年1月1日 or 2024-1-1.</source>
        <translation>“%s”不是日期：请写成 2024年1月1日 或 2024-1-1。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="242" />
        <source>since %s</source>
        <translation>%s以后</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="244" />
        <source>library</source>
        <translation>资料库</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="246" />
        <source>pack</source>
        <translation>资料包</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="258" />
        <source>Choose at least one condition, or export the whole library.</source>
        <translation>请至少选择一个条件，或导出整个资料库。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="261" />
        <source>Dafu library packs (*.dafupack)</source>
        <translation>答复资料包 (*.dafupack)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="271" />
        <source>Gathering the replies…</source>
        <translation>正在收集答复…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="277" />
        <source>Gathered %1 of %2 replies…</source>
        <translation>已收集 %1/%2 份答复…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="284" />
        <source>Cancelled: no pack was written.</source>
        <translation>已取消：没有写出资料包。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="285" />
        <source>Exported %1: %2 replies, %3 paragraphs, %4 measures.</source>
        <translation>已导出 %1：答复 %2 份、段落 %3 段、政策措施 %4 项。</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../desktop/dafu/gui/find_bar.py" line="23" />
        <source>Find in the draft</source>
        <translation>在草稿中查找</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/find_bar.py" line="28" />
        <source>Replace with</source>
        <translation>替换为</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/find_bar.py" line="32" />
        <source>Previous</source>
        <translation>上一处</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/find_bar.py" line="33" />
        <source>Next</source>
        <translation>下一处</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/find_bar.py" line="34" />
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/find_bar.py" line="35" />
        <source>Replace all</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/find_bar.py" line="38" />
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
</context>
<context>
    <name>HitList</name>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="79" />
        <source>Insert into the draft</source>
        <translation>插入草稿</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="80" />
        <source>Tags…</source>
        <translation>标签…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/library_panel.py" line="112" />
        <source>used in %n replies</source>
        <translation><numerusform>%n 份答复用过</numerusform></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="64" />
        <source>Import old replies</source>
        <translation>导入旧答复</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="70" />
        <source>Choose the folder that holds the old replies (.docx .doc .wps .pdf .txt)</source>
        <translation>选择存放旧答复的文件夹（.docx、.doc、.wps、.pdf、.txt）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="71" />
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="81" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="84" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="91" />
        <source>Files skipped:</source>
        <translation>跳过的文件：</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="101" />
        <source>Folder of old replies</source>
        <translation>旧答复所在文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="120" />
        <source>Ready to import.</source>
        <translation>可以开始导入。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="120" />
        <source>Choose a folder first.</source>
        <translation>请先选择文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="133" />
        <source>Looking for replies…</source>
        <translation>正在查找答复文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="140" />
        <source>Cancelling after the current file…</source>
        <translation>正在取消（当前文件处理完后停止）…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="153" />
        <source>Imported %1 of %2: %3</source>
        <translation>已处理 %1/%2：%3</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="169" />
        <source>Cancelled: %1 replies imported, %2 already in the library, %3 skipped; nothing half-written.</source>
        <translation>已取消：导入 %1 份答复，%2 份已在资料库中，跳过 %3 个文件；没有留下不完整的记录。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="170" />
        <source>Done: %1 replies imported, %2 already in the library, %3 skipped.</source>
        <translation>完成：导入 %1 份答复，%2 份已在资料库中，跳过 %3 个文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="181" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="27" />
        <source>All parts</source>
        <translation>全部部分</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="28" />
        <source>Opening</source>
        <translation>开头语</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="29" />
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="30" />
        <source>Work done</source>
        <translation>工作开展情况</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="31" />
        <source>Next steps</source>
        <translation>下一步工作</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="32" />
        <source>Closing</source>
        <translation>结束语</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="33" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="182" />
        <source>Import a folder of your office's earlier replies (.docx .doc .wps .pdf .txt): their paragraphs and the policy measures they cite become searchable here, and you build new replies from them. Or start with the sample reply that comes with Dafu.</source>
        <translation>导入本单位以往答复所在的文件夹（.docx、.doc、.wps、.pdf、.txt）：其中的段落和引用的政策措施都能在这里检索，用来拼写新的答复。也可以先加入软件自带的示例答复看看。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="216" />
        <source>Search the library (one or two characters work too)</source>
        <translation>检索资料库（一两个字也可以）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="161" />
        <source>Search</source>
        <translation>检索</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="251" />
        <source>Paste the deputy's suggestion here</source>
        <translation>在此粘贴代表建议原文</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="162" />
        <location filename="../../desktop/dafu/gui/library_panel.py" line="253" />
        <source>More like this</source>
        <translation>相似内容</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_model.py" line="8" />
        <source>Item</source>
        <translation>支持事项</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_model.py" line="8" />
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_model.py" line="9" />
        <source>Rate</source>
        <translation>比例</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_model.py" line="9" />
        <source>Cap</source>
        <translation>上限</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_model.py" line="10" />
        <source>One-off</source>
        <translation>一次性</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_model.py" line="10" />
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_model.py" line="11" />
        <source>Valid to</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_model.py" line="12" />
        <source>Superseded by</source>
        <translation>被以下措施取代</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="292" />
        <source>Add measure…</source>
        <translation>添加措施…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="293" />
        <source>Edit measure…</source>
        <translation>编辑措施…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="163" />
        <source>Measures</source>
        <translation>政策措施</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="175" />
        <source>The library is empty</source>
        <translation>资料库还是空的</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="184" />
        <source>Import old replies…</source>
        <translation>导入旧答复…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="187" />
        <source>Add the sample reply</source>
        <translation>加入示例答复</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="222" />
        <source>Part of the reply</source>
        <translation>答复中的部分</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="223" />
        <source>Year of the reply</source>
        <translation>答复年份</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="224" />
        <source>Issuing body</source>
        <translation>发文单位</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="225" />
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="276" />
        <source>Filter measures</source>
        <translation>筛选政策措施</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/library_panel.py" line="375" />
        <source>First %n results; type more to narrow them</source>
        <translation><numerusform>仅显示前 %n 条结果，请继续输入以缩小范围</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/library_panel.py" line="377" />
        <source>%n result(s)</source>
        <translation><numerusform>%n 条结果</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="381" />
        <source>Looking…</source>
        <translation>正在查找…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/library_panel.py" line="386" />
        <source>%n similar paragraph(s), best first</source>
        <translation><numerusform>%n 个相似段落，按相关程度排列</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="406" />
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="407" />
        <source>All issuing bodies</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="408" />
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="142" />
        <source>Library: %s</source>
        <translation>资料库：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="163" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="164" />
        <source>&amp;New draft</source>
        <translation>新建草稿(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="165" />
        <source>&amp;Open draft file…</source>
        <translation>打开草稿文件(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="167" />
        <source>Recent drafts</source>
        <translation>最近的草稿</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="170" />
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="171" />
        <source>Save draft file &amp;as…</source>
        <translation>草稿另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="175" />
        <source>&amp;Export .docx…</source>
        <translation>导出 .docx(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="176" />
        <source>Export &amp;PDF for publication…</source>
        <translation>导出 PDF（供公开）(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="178" />
        <source>Export feedback &amp;form…</source>
        <translation>导出征询意见表(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="184" />
        <source>&amp;Import old replies…</source>
        <translation>导入旧答复(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="186" />
        <source>Import old reply fi&amp;les…</source>
        <translation>导入旧答复文件(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="188" />
        <source>E&amp;xport library pack…</source>
        <translation>导出资料包(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="189" />
        <source>&amp;Merge library pack…</source>
        <translation>合并资料包(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="191" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="193" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="194" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="197" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="205" />
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="206" />
        <source>Find and &amp;replace…</source>
        <translation>查找和替换(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="207" />
        <source>&amp;Copy reply body for the online system</source>
        <translation>复制答复正文（供网上办理系统）(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="210" />
        <source>Insert chosen library paragraph</source>
        <translation>插入所选资料库段落</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="212" />
        <source>New &amp;paragraph</source>
        <translation>新建段落(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="214" />
        <source>New &amp;heading</source>
        <translation>新建标题(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="216" />
        <source>New s&amp;ubheading</source>
        <translation>新建下级标题(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="218" />
        <source>Edit selected</source>
        <translation>编辑所选</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="219" />
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="220" />
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="222" />
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="227" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="229" />
        <source>&amp;Outline</source>
        <translation>提纲(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="230" />
        <source>&amp;Full text</source>
        <translation>全文(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="239" />
        <source>&amp;Library</source>
        <translation>资料库(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="240" />
        <source>&amp;Search the library</source>
        <translation>检索资料库(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="246" />
        <source>&amp;Replies in the library…</source>
        <translation>资料库中的答复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="247" />
        <source>&amp;Tags of the chosen paragraph…</source>
        <translation>所选段落的标签(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="249" />
        <source>Add the sample reply</source>
        <translation>加入示例答复</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="251" />
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="252" />
        <source>&amp;Check now</source>
        <translation>立即检查(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="253" />
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="254" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="255" />
        <source>&amp;About Dafu</source>
        <translation>关于答复(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="276" />
        <source>Recovered the draft from the last session</source>
        <translation>已恢复上次未关闭的草稿</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="349" />
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="350" />
        <source>Save the changes to %s?</source>
        <translation>是否把修改保存到 %s？</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="352" />
        <source>Either way the draft stays in the library under File → Recent drafts.</source>
        <translation>无论如何选择，草稿都已保存在资料库中（文件 → 最近的草稿）。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="373" />
        <source>Open draft</source>
        <translation>打开草稿</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="373" />
        <source>Dafu drafts (*.dafu);;All files (*)</source>
        <translation>答复草稿 (*.dafu);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="392" />
        <source>(untitled)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="436" />
        <source>Save draft as</source>
        <translation>草稿另存为</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="436" />
        <source>Dafu drafts (*.dafu)</source>
        <translation>答复草稿 (*.dafu)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="454" />
        <location filename="../../desktop/dafu/gui/main_window.py" line="662" />
        <source>Saved %s</source>
        <translation>已保存 %s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="462" />
        <source>New reply</source>
        <translation>新答复</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="485" />
        <source>Cannot lay out the reply yet: %s</source>
        <translation>暂时无法排版：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="491" />
        <source>The body still has gaps: fill in %s first.</source>
        <translation>正文还有空缺：请先填写%s。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/main_window.py" line="495" />
        <source>Copied the reply body (%n characters) for the online handling system</source>
        <translation><numerusform>已复制答复正文（%n 字），可粘贴到建议提案网上办理系统</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="522" />
        <source>This finding has no automatic fix: the text is selected for you to change by hand</source>
        <translation>这一处没有自动修改，已选中相应文字，请手工修改</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="526" />
        <source>This text is laid out by the template or the numbering, not typed in the draft: change it in the form or the outline</source>
        <translation>这段文字由模板或自动编号生成，不在草稿正文中：请在表单或提纲中修改</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="529" />
        <source>The text changed since it was checked; checking again</source>
        <translation>检查之后文字已有改动，正在重新检查</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="534" />
        <source>Apply fix</source>
        <translation>应用修改</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="536" />
        <source>Fixed: %s</source>
        <translation>已修改：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="554" />
        <source>Export official reply</source>
        <translation>导出答复函</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="556" />
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="562" />
        <source>Export PDF for publication</source>
        <translation>导出 PDF（供公开）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="563" />
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="569" />
        <source>Replace files?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="570" />
        <source>%s already exist(s) in this folder. Replace?</source>
        <translation>此文件夹中已有 %s，要替换吗？</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="571" />
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="572" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="584" />
        <source>Writes the .docx and, beside it, a PDF for publication (made by LibreOffice)</source>
        <translation>写出 .docx，并在同一文件夹生成供公开的 PDF（由 LibreOffice 转换）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="586" />
        <source>Needs LibreOffice, which was not found: install it (or set DAFU_SOFFICE to its soffice) to export a PDF</source>
        <translation>需要 LibreOffice，但未找到：安装 LibreOffice（或将 DAFU_SOFFICE 设为其 soffice 程序）后才能导出 PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="599" />
        <source>The reply cannot be exported yet: %s</source>
        <translation>暂时不能导出：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="599" />
        <source>fill in %s (marked red in the form)</source>
        <translation>请填写%s（已在表单中标红）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="614" />
        <source>Errors still open</source>
        <translation>仍有错误</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/main_window.py" line="615" />
        <source>The checks still find %n error(s) in this reply.</source>
        <translation><numerusform>检查仍发现 %n 处错误。</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="616" />
        <source>Export anyway</source>
        <translation>仍然导出</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="617" />
        <source>Show them</source>
        <translation>查看错误</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="651" />
        <source>Exporting the .docx and the PDF (LibreOffice)…</source>
        <translation>正在导出 .docx 和 PDF（LibreOffice）…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="652" />
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="657" />
        <source>Exported %s</source>
        <translation>已导出 %s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="659" />
        <source>Saved %1 and, beside it, %2</source>
        <translation>已保存 %1，同一文件夹中另有 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="663" />
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="666" />
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="684" />
        <source>Folder of old replies</source>
        <translation>旧答复所在文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="701" />
        <source>Old replies to import</source>
        <translation>选择要导入的旧答复</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="702" />
        <source>Old replies (%s)</source>
        <translation>旧答复 (%s)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="702" />
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="712" />
        <source>Exported the library pack %s</source>
        <translation>已导出资料包 %s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="722" />
        <source>Merge library pack</source>
        <translation>合并资料包</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="723" />
        <source>Dafu library packs (*.dafupack);;All files (*)</source>
        <translation>答复资料包 (*.dafupack);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/main_window.py" line="740" />
        <source>Merged the library pack: %n reply(ies) added</source>
        <translation><numerusform>已合并资料包：新增 %n 份答复</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="761" />
        <source>Choose a paragraph among the library's results first</source>
        <translation>请先在资料库检索结果中选中一个段落</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="772" />
        <source>Tags of the paragraph: %s</source>
        <translation>段落的标签：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="784" />
        <source>Tags saved</source>
        <translation>标签已保存</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="815" />
        <source>About Dafu</source>
        <translation>关于答复</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="816" />
        <source>Dafu %s — draft, check and export official replies.</source>
        <translation>答复 %s —— 起草、检查并导出答复函。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="829" />
        <source>Dafu</source>
        <translation>答复</translation>
    </message>
</context>
<context>
    <name>MeasureDialog</name>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="89" />
        <source>Edit measure</source>
        <translation>编辑措施</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="89" />
        <source>Add measure</source>
        <translation>添加措施</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="40" />
        <source>The rate must be a number of percent, e.g. 30: %1</source>
        <translation>比例应为百分数，例如 30：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="43" />
        <source>The rate must lie between 0 and 100 percent: %1</source>
        <translation>比例应在 0 至 100% 之间：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="58" />
        <source>The cap must be an amount in 10,000 yuan, e.g. 500: %1</source>
        <translation>上限应为以万元计的金额，例如 500：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="61" />
        <source>The cap cannot be negative: %1</source>
        <translation>上限不能为负数：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="77" />
        <source>Write dates as 2023-01-01 or 2023年1月1日: %1</source>
        <translation>日期请写作 2023-01-01 或 2023年1月1日：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="108" />
        <source>in 10,000 yuan, e.g. 500</source>
        <translation>单位万元，例如 500</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="116" />
        <source>(not superseded)</source>
        <translation>（未被取代）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="132" />
        <source>Support item</source>
        <translation>支持事项</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="132" />
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="133" />
        <source>Policy year</source>
        <translation>政策年份</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="133" />
        <source>Text</source>
        <translation>原文</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="135" />
        <source>Cap (10,000 yuan)</source>
        <translation>上限（万元）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="160" />
        <source>This measure supersedes that one; it cannot also be superseded by it.</source>
        <translation>本措施已取代该措施，不能再被它取代。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="134" />
        <source>Rate base</source>
        <translation>比例基数</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="134" />
        <source>Rate (%)</source>
        <translation>比例（%）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="135" />
        <source>Rate kind</source>
        <translation>比例方式</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="136" />
        <source>One-off</source>
        <translation>一次性</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="136" />
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="137" />
        <source>Valid to</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="137" />
        <source>Superseded by</source>
        <translation>被以下措施取代</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="150" />
        <source>Give the support item or the policy.</source>
        <translation>请填写支持事项或政策名称。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/measures_dialog.py" line="156" />
        <source>The measure cannot end before it starts.</source>
        <translation>措施的截止日期不能早于起始日期。</translation>
    </message>
</context>
<context>
    <name>MergePackDialog</name>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="305" />
        <source>Merge library pack</source>
        <translation>合并资料包</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="308" />
        <source>Pack: %s</source>
        <translation>资料包：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="319" />
        <source>Reading the pack…</source>
        <translation>正在读取资料包…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="346" />
        <source>Not merged: nothing changed.</source>
        <translation>未合并：资料库没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="351" />
        <source>Merging…</source>
        <translation>正在合并…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="355" />
        <source>Merged %1 of %2 replies…</source>
        <translation>已合并 %1/%2 份答复…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="361" />
        <source>Cancelled: nothing merged.</source>
        <translation>已取消：没有合并任何内容。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="363" />
        <source>Replies: %1 added, %2 already in the library. Paragraphs: %3 new. Measures: %4 added, %5 updated.</source>
        <translation>答复：新增 %1 份，%2 份资料库中已有。段落：新增 %3 段。政策措施：新增 %4 项，更新 %5 项。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="368" />
        <source>%n measure(s) kept as in this library.</source>
        <translation><numerusform>%n 项政策措施保留本机的数值。</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="371" />
        <source>Cancelled — the replies merged so far are whole; merge the pack again to finish. %s</source>
        <translation>已取消——已合并的答复都是完整的；再次合并这个资料包即可完成。%s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="372" />
        <source>Done. %s</source>
        <translation>完成。%s</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="72" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="92" />
        <source>Cancelling after the current reply…</source>
        <translation>正在取消（当前这份答复处理完后停止）…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="119" />
        <source>Stopped: %s</source>
        <translation>已停止：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/pack_dialogs.py" line="124" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <location filename="../../desktop/dafu/gui/preview.py" line="183" />
        <source>Apply fix</source>
        <translation>应用修改</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/preview.py" line="277" />
        <source>Not checked: the reply cannot be laid out yet</source>
        <translation>尚未检查：答复暂时无法排版</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/preview.py" line="289" />
        <source>Cannot lay out the reply yet: %s</source>
        <translation>暂时无法排版：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/preview.py" line="292" />
        <source>Still to fill in: %s (marked red in the form)</source>
        <translation>还需填写：%s（已在表单中标红）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/preview.py" line="414" />
        <source>Apply fix puts in: %s</source>
        <translation>应用修改后为：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/preview.py" line="422" />
        <source>No findings in what is written so far</source>
        <translation>已写部分未发现问题</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/preview.py" line="423" />
        <source>No findings</source>
        <translation>未发现问题</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/preview.py" line="425" />
        <source>%n finding(s)</source>
        <translation><numerusform>%n 处问题</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/preview.py" line="426" />
        <source>, %n error(s)</source>
        <translation><numerusform>，其中错误 %n 处</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/preview.py" line="449" />
        <source>This finding has no automatic fix: change the text by hand</source>
        <translation>这一处没有自动修改，请手工修改</translation>
    </message>
</context>
<context>
    <name>RepliesDialog</name>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="26" />
        <source>Replies in the library</source>
        <translation>资料库中的答复</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="32" />
        <source>Filter by title, number, issuing body or file name</source>
        <translation>按标题、编号、发文单位或文件名筛选</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="42" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="42" />
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="42" />
        <source>Issuing body</source>
        <translation>发文单位</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="43" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="43" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="43" />
        <source>Imported</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="43" />
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="54" />
        <source>Remove selected…</source>
        <translation>删除所选…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="55" />
        <source>Remove this whole import…</source>
        <translation>删除整批导入…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="56" />
        <source>Tags…</source>
        <translation>标签…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="57" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="64" />
        <source>Import:</source>
        <translation>导入批次：</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="95" />
        <source>All imports</source>
        <translation>全部批次</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="97" />
        <source>%1 · %2 · %n reply(ies)</source>
        <translation><numerusform>%1 · %2 · %n 份答复</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="117" />
        <source>%n reply(ies)</source>
        <translation><numerusform>%n 份答复</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="142" />
        <source>Remove replies</source>
        <translation>删除答复</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="143" />
        <source>Remove %n reply(ies) from the library?</source>
        <translation><numerusform>从资料库中删除这 %n 份答复？</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="144" />
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="161" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="145" />
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="162" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="147" />
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="165" />
        <source>Paragraphs and measures that only these replies hold go with them. This cannot be undone.</source>
        <translation>只属于这些答复的段落和政策措施会一并删除。删除后不能撤销。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="158" />
        <source>Remove an import</source>
        <translation>删除整批导入</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="160" />
        <source>Remove the whole import of %1 (%n reply(ies)) from the library?</source>
        <translation><numerusform>从资料库中删除 %1 导入的整批答复（%n 份）？</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="171" />
        <source>Removed %n reply(ies)</source>
        <translation><numerusform>已删除 %n 份答复</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="172" />
        <source>, with %1 paragraphs and %2 measures only they held</source>
        <translation>，以及只属于它们的 %1 个段落、%2 项政策措施</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="191" />
        <source>Tags of the reply “%s” (a search by tag finds every paragraph it uses)</source>
        <translation>答复“%s”的标签（按标签检索时会找到它用到的每个段落）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/replies_dialog.py" line="202" />
        <source>Tags saved</source>
        <translation>标签已保存</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="19" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="26" />
        <source>(the user template folder in the data folder)</source>
        <translation>（数据文件夹中的用户模板文件夹）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="35" />
        <source>Issuing body</source>
        <translation>发文单位</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="35" />
        <source>Default contact person</source>
        <translation>默认联系人</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="36" />
        <source>Default contact phone</source>
        <translation>默认联系电话</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="36" />
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="62" />
        <source>Library file</source>
        <translation>资料库文件</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="38" />
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="66" />
        <source>User template folder</source>
        <translation>用户模板文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="43" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="51" />
        <source>Language (after restart)</source>
        <translation>界面语言（重启后生效）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="52" />
        <source>Autosave every</source>
        <translation>自动保存间隔</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="63" />
        <source>Dafu library (*.sqlite);;All files (*)</source>
        <translation>答复资料库 (*.sqlite);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>TagDialog</name>
    <message>
        <location filename="../../desktop/dafu/gui/tag_dialog.py" line="12" />
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/tag_dialog.py" line="22" />
        <source>New tag, e.g. 养老 or 2024年重点</source>
        <translation>新标签，如“养老”或“2024年重点”</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/tag_dialog.py" line="24" />
        <source>Add</source>
        <translation>添加</translation>
    </message>
</context>
</TS>