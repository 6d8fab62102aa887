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
    <name>DraftPanel</name>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="29" />
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="30" />
        <source>Meeting (short form)</source>
        <translation>会议（简称）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="31" />
        <source>Suggestion title</source>
        <translation>建议题目</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="32" />
        <source>Proposal title</source>
        <translation>提案题目</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="33" />
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="34" />
        <source>Deputies</source>
        <translation>代表</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="35" />
        <source>Members</source>
        <translation>委员</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="36" />
        <source>Issuing body</source>
        <translation>发文单位</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="37" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="38" />
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="39" />
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="40" />
        <source>Document number</source>
        <translation>发文字号</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="41" />
        <source>Result class</source>
        <translation>办理结果分类</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="42" />
        <source>Disclosure</source>
        <translation>公开方式</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="43" />
        <source>Signer</source>
        <translation>签发人</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="44" />
        <source>CC</source>
        <translation>抄送</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="45" />
        <source>Opening</source>
        <translation>开头语</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="46" />
        <source>Thanks</source>
        <translation>致谢语</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="47" />
        <source>Closing</source>
        <translation>结束语</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="48" />
        <source>Closing thanks</source>
        <translation>结尾致谢</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="49" />
        <source>Reply word</source>
        <translation>答复用词</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="50" />
        <source>Salutation</source>
        <translation>称谓</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="51" />
        <source>Title lines</source>
        <translation>标题分行</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="52" />
        <source>Contact line</source>
        <translation>联系人位置</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="53" />
        <source>Lead unit</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="54" />
        <source>Subject</source>
        <translation>事由</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="55" />
        <source>Addressee</source>
        <translation>主送</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="56" />
        <source>Consulted</source>
        <translation>是否已沟通</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="57" />
        <source>Form title</source>
        <translation>表格标题</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="58" />
        <source>Return within days</source>
        <translation>反馈期限（天）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="141" />
        <source>Select a paragraph to edit it here</source>
        <translation>在提纲中选择段落后在此编辑</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="143" />
        <source>Number paragraphs 一是, 二是…</source>
        <translation>段落按“一是、二是……”编号</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="147" />
        <source>+ Section</source>
        <translation>+ 标题</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="148" />
        <source>+ Subsection</source>
        <translation>+ 下级标题</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="149" />
        <source>+ Paragraph</source>
        <translation>+ 段落</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="150" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="159" />
        <source>Outline</source>
        <translation>提纲</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="198" />
        <source>(Background, before the first heading)</source>
        <translation>（背景段落，位于第一个标题之前）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="262" />
        <source>Change template</source>
        <translation>更换模板</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="341" />
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="344" />
        <source>Edit %s</source>
        <translation>编辑%s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="376" />
        <source>Edit paragraph</source>
        <translation>编辑段落</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="385" />
        <source>Edit heading</source>
        <translation>编辑标题</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="391" />
        <source>Number paragraphs</source>
        <translation>段落编号</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="409" />
        <source>Insert paragraph</source>
        <translation>插入段落</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="418" />
        <source>Insert library paragraphs</source>
        <translation>插入资料库段落</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="436" />
        <source>New heading</source>
        <translation>新标题</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="437" />
        <source>Insert heading</source>
        <translation>插入标题</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="448" />
        <source>Remove paragraph</source>
        <translation>删除段落</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="450" />
        <source>Remove heading</source>
        <translation>删除标题</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="461" />
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="471" />
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="503" />
        <source>Move paragraph</source>
        <translation>移动段落</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="479" />
        <location filename="../../desktop/dafu/gui/draft_panel.py" line="513" />
        <source>Move heading</source>
        <translation>移动标题</translation>
    </message>
</context>
<context>
    <name>HitList</name>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/library_panel.py" line="91" />
        <source>used in %n replies</source>
        <translation><numerusform>%n 份答复用过</numerusform></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="62" />
        <source>Import old replies</source>
        <translation>导入旧答复</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="66" />
        <source>Choose the folder that holds the old replies (.docx, .txt)</source>
        <translation>选择存放旧答复的文件夹（.docx、.txt）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="67" />
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="77" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="80" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="87" />
        <source>Files skipped:</source>
        <translation>跳过的文件：</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="97" />
        <source>Folder of old replies</source>
        <translation>旧答复所在文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="116" />
        <source>Ready to import.</source>
        <translation>可以开始导入。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="116" />
        <source>Choose a folder first.</source>
        <translation>请先选择文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="129" />
        <source>Looking for replies…</source>
        <translation>正在查找答复文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="135" />
        <source>Cancelling after the current file…</source>
        <translation>正在取消（当前文件处理完后停止）…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="148" />
        <source>Imported %1 of %2: %3</source>
        <translation>已处理 %1/%2：%3</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="164" />
        <source>Cancelled: %1 replies imported, %2 already in the library, %3 skipped; nothing half-written.</source>
        <translation>已取消：导入 %1 份答复，%2 份已在资料库中，跳过 %3 个文件；没有留下不完整的记录。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="165" />
        <source>Done: %1 replies imported, %2 already in the library, %3 skipped.</source>
        <translation>完成：导入 %1 份答复，%2 份已在资料库中，跳过 %3 个文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/import_dialog.py" line="176" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="26" />
        <source>All parts</source>
        <translation>全部部分</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="27" />
        <source>Opening</source>
        <translation>开头语</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="28" />
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="29" />
        <source>Work done</source>
        <translation>工作开展情况</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="30" />
        <source>Next steps</source>
        <translation>下一步工作</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="31" />
        <source>Closing</source>
        <translation>结束语</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="32" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="145" />
        <source>Search the library (one or two characters work too)</source>
        <translation>检索资料库（一两个字也可以）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="136" />
        <source>Search</source>
        <translation>检索</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="179" />
        <source>Paste the deputy's suggestion here</source>
        <translation>在此粘贴代表建议原文</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="137" />
        <location filename="../../desktop/dafu/gui/library_panel.py" line="181" />
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
        <location filename="../../desktop/dafu/gui/library_panel.py" line="215" />
        <source>Add measure…</source>
        <translation>添加措施…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="216" />
        <source>Edit measure…</source>
        <translation>编辑措施…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="138" />
        <source>Measures</source>
        <translation>政策措施</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="151" />
        <source>Part of the reply</source>
        <translation>答复中的部分</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="152" />
        <source>Year of the reply</source>
        <translation>答复年份</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="153" />
        <source>Issuing body</source>
        <translation>发文单位</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="154" />
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="203" />
        <source>Filter measures</source>
        <translation>筛选政策措施</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/library_panel.py" line="291" />
        <source>First %n results; type more to narrow them</source>
        <translation><numerusform>仅显示前 %n 条结果，请继续输入以缩小范围</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/library_panel.py" line="293" />
        <source>%n result(s)</source>
        <translation><numerusform>%n 条结果</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="297" />
        <source>Looking…</source>
        <translation>正在查找…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/library_panel.py" line="302" />
        <source>%n similar paragraph(s), best first</source>
        <translation><numerusform>%n 个相似段落，按相关程度排列</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="311" />
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="312" />
        <source>All issuing bodies</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/library_panel.py" line="313" />
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="64" />
        <source>Library: %s</source>
        <translation>资料库：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="79" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="80" />
        <source>&amp;New draft</source>
        <translation>新建草稿(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="81" />
        <source>&amp;Open draft file…</source>
        <translation>打开草稿文件(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="82" />
        <source>Recent drafts</source>
        <translation>最近的草稿</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="84" />
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="85" />
        <source>Save draft file &amp;as…</source>
        <translation>草稿另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="87" />
        <source>&amp;Export .docx…</source>
        <translation>导出 .docx(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="88" />
        <source>Export feedback &amp;form…</source>
        <translation>导出征询意见表(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="89" />
        <source>&amp;Import old replies…</source>
        <translation>导入旧答复(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="91" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="93" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="94" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="96" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="102" />
        <source>&amp;Find in library</source>
        <translation>在资料库中查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="103" />
        <source>Insert chosen library paragraph</source>
        <translation>插入所选资料库段落</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="105" />
        <source>New &amp;paragraph</source>
        <translation>新建段落(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="106" />
        <source>New &amp;heading</source>
        <translation>新建标题(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="107" />
        <source>Edit selected</source>
        <translation>编辑所选</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="108" />
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="109" />
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="110" />
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="115" />
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="116" />
        <source>&amp;Check now</source>
        <translation>立即检查(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="117" />
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="118" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="119" />
        <source>&amp;About Dafu</source>
        <translation>关于答复(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="138" />
        <source>Recovered the draft from the last session</source>
        <translation>已恢复上次未关闭的草稿</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="171" />
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="172" />
        <source>Save the changes to %s?</source>
        <translation>是否把修改保存到 %s？</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="174" />
        <source>Either way the draft stays in the library under File → Recent drafts.</source>
        <translation>无论如何选择，草稿都已保存在资料库中（文件 → 最近的草稿）。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="194" />
        <source>Open draft</source>
        <translation>打开草稿</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="194" />
        <source>Dafu drafts (*.dafu);;All files (*)</source>
        <translation>答复草稿 (*.dafu);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="213" />
        <source>(untitled)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="253" />
        <source>Save draft as</source>
        <translation>草稿另存为</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="253" />
        <source>Dafu drafts (*.dafu)</source>
        <translation>答复草稿 (*.dafu)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="269" />
        <location filename="../../desktop/dafu/gui/main_window.py" line="351" />
        <source>Saved %s</source>
        <translation>已保存 %s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="277" />
        <source>New reply</source>
        <translation>新答复</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="304" />
        <source>This finding cannot be fixed automatically here</source>
        <translation>这一处无法自动修改，请手工修改</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="327" />
        <source>Export official reply</source>
        <translation>导出答复函</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="329" />
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="344" />
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="349" />
        <source>Exported %s</source>
        <translation>已导出 %s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="351" />
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="353" />
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="369" />
        <source>Folder of old replies</source>
        <translation>旧答复所在文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="407" />
        <source>About Dafu</source>
        <translation>关于答复</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="408" />
        <source>Dafu %s — draft, check and export official replies.</source>
        <translation>答复 %s —— 起草、检查并导出答复函。</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/main_window.py" line="412" />
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
    <name>PreviewPanel</name>
    <message>
        <location filename="../../desktop/dafu/gui/preview.py" line="132" />
        <source>Apply fix</source>
        <translation>应用修改</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/preview.py" line="191" />
        <source>Cannot lay out the reply yet: %s</source>
        <translation>暂时无法排版：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/preview.py" line="253" />
        <source>No findings</source>
        <translation>未发现问题</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dafu/gui/preview.py" line="253" />
        <source>%n finding(s)</source>
        <translation><numerusform>%n 处问题</numerusform></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="13" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="24" />
        <source>Issuing body</source>
        <translation>发文单位</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="24" />
        <source>Default contact person</source>
        <translation>默认联系人</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="25" />
        <source>Default contact phone</source>
        <translation>默认联系电话</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="25" />
        <source>Library file</source>
        <translation>资料库文件</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="27" />
        <source>User template folder</source>
        <translation>用户模板文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="29" />
        <source>Language (after restart)</source>
        <translation>界面语言（重启后生效）</translation>
    </message>
    <message>
        <location filename="../../desktop/dafu/gui/settings_dialog.py" line="30" />
        <source>Autosave every</source>
        <translation>自动保存间隔</translation>
    </message>
</context>
</TS>