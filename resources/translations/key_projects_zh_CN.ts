<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <location filename="../../desktop_app/ui/about.py" line="18" />
        <source>Key Projects Portfolio — Siming District Science &amp; Technology</source>
        <translation>思明区重点支撑项目管理系统 — 思明区科技局</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/about.py" line="21" />
        <source>Version: {v}</source>
        <translation>版本:{v}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/about.py" line="22" />
        <source>Database: {db}</source>
        <translation>数据库:{db}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/about.py" line="23" />
        <source>Schema version: {rev}</source>
        <translation>数据库结构版本:{rev}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/about.py" line="26" />
        <source>Evidence files: {n} ({size})</source>
        <translation>佐证文件:{n} 个({size})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/about.py" line="34" />
        <source>About</source>
        <translation>关于</translation>
    </message>
</context>
<context>
    <name>AddPeriodDialog</name>
    <message>
        <location filename="../../desktop_app/ui/performance/add_period_dialog.py" line="43" />
        <source>Add a plan period</source>
        <translation>新增规划期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/add_period_dialog.py" line="52" />
        <source>e.g. 15th Five-Year Plan</source>
        <translation>例如“十五五”(2026–2030)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/add_period_dialog.py" line="55" />
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/add_period_dialog.py" line="55" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/add_period_dialog.py" line="55" />
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/add_period_dialog.py" line="69" />
        <source>First year</source>
        <translation>起始年份</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/add_period_dialog.py" line="70" />
        <source>Last year</source>
        <translation>结束年份</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/add_period_dialog.py" line="71" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/add_period_dialog.py" line="75" />
        <source>Targets (may be left empty and set later):</source>
        <translation>目标值(可暂不填写,以后补充):</translation>
    </message>
</context>
<context>
    <name>AttentionModel</name>
    <message>
        <location filename="../../desktop_app/ui/milestones/attention_model.py" line="27" />
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/attention_model.py" line="28" />
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/attention_model.py" line="29" />
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/attention_model.py" line="30" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/attention_model.py" line="31" />
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/attention_model.py" line="32" />
        <source>Milestone</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/attention_model.py" line="33" />
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/attention_model.py" line="34" />
        <source>% done</source>
        <translation>完成%</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/attention_model.py" line="35" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/attention_model.py" line="41" />
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/attention_model.py" line="43" />
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/attention_model.py" line="47" />
        <source>{n} days late</source>
        <translation>逾期 {n} 天</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/attention_model.py" line="51" />
        <source>due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/attention_model.py" line="53" />
        <source>in {n} days</source>
        <translation>{n} 天后</translation>
    </message>
</context>
<context>
    <name>AttentionPage</name>
    <message>
        <location filename="../../desktop_app/ui/milestones/attention_page.py" line="78" />
        <source>Double-click a row to open its project.</source>
        <translation>双击一行可打开对应项目。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/attention_page.py" line="112" />
        <source>Attention</source>
        <translation>待关注</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/attention_page.py" line="132" />
        <source>As of {date}: {overdue} overdue, {soon} due within 30 days</source>
        <translation>截至 {date}:{overdue} 项已逾期,{soon} 项将在 30 天内到期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/attention_page.py" line="163" />
        <source>Policy warnings: {n} ({red} red)</source>
        <translation>政策提示:{n} 条(红色 {red} 条)</translation>
    </message>
</context>
<context>
    <name>BaselineHistoryDialog</name>
    <message>
        <location filename="../../desktop_app/ui/project/baseline_dialogs.py" line="72" />
        <source>Baseline history</source>
        <translation>基准计划历史</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/baseline_dialogs.py" line="82" />
        <source>Milestone</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/baseline_dialogs.py" line="83" />
        <source>Baseline end</source>
        <translation>基准完成日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/baseline_dialogs.py" line="84" />
        <source>Current end</source>
        <translation>当前完成日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/baseline_dialogs.py" line="85" />
        <source>Change (days)</source>
        <translation>变化(天)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/baseline_dialogs.py" line="90" />
        <source>No baseline has been set for this project yet.</source>
        <translation>该项目尚未设定基准计划。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/baseline_dialogs.py" line="115" />
        <source>(added later)</source>
        <translation>(后来新增)</translation>
    </message>
</context>
<context>
    <name>BaselineReasonDialog</name>
    <message>
        <location filename="../../desktop_app/ui/project/baseline_dialogs.py" line="33" />
        <source>Set baseline</source>
        <translation>设定基准计划</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/baseline_dialogs.py" line="36" />
        <source>e.g. equipment delivery delayed; plan approved on 2026-07-01</source>
        <translation>例如:设备到货延期,调整计划已于 2026-07-01 批准</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/baseline_dialogs.py" line="40" />
        <source>The current planned dates become the new baseline; earlier baselines are kept.</source>
        <translation>当前计划日期将成为新的基准计划;以前的基准计划会保留。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/baseline_dialogs.py" line="43" />
        <source>The current planned dates become the project's baseline.</source>
        <translation>当前计划日期将成为本项目的基准计划。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/baseline_dialogs.py" line="52" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>BriefDialog</name>
    <message>
        <location filename="../../desktop_app/ui/brief_action.py" line="46" />
        <source>Quarterly brief</source>
        <translation>季度简报</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/brief_action.py" line="54" />
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/brief_action.py" line="69" />
        <source>Save the brief as</source>
        <translation>简报保存为</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/brief_action.py" line="72" />
        <source>Choose where to save the brief.</source>
        <translation>请选择简报的保存位置。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/brief_action.py" line="75" />
        <source>Brief written to {path}</source>
        <translation>简报已保存至 {path}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/brief_action.py" line="78" />
        <source>The brief could not be made: {error}</source>
        <translation>无法生成简报:{error}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/brief_action.py" line="108" />
        <source>Quarterly &amp;brief…</source>
        <translation>季度简报(&amp;B)…</translation>
    </message>
</context>
<context>
    <name>CloseQuarterDialog</name>
    <message>
        <location filename="../../desktop_app/ui/quarter_close_action.py" line="41" />
        <location filename="../../desktop_app/ui/quarter_close_action.py" line="61" />
        <source>Close quarter</source>
        <translation>季度关账</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/quarter_close_action.py" line="45" />
        <source>Your name (recorded as who closed it)</source>
        <translation>您的姓名(记录为关账人)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/quarter_close_action.py" line="49" />
        <source>Closing freezes the quarter's figures and stores its brief (PDF and SHA-256). Its brief is then always reprinted as closed; later edits that touch it are listed as corrections in the next brief.</source>
        <translation>关账将冻结本季度的数据并存档其简报(PDF 及 SHA-256)。此后该季度简报始终按关账版本重印;之后涉及该季度的修改将在下一期简报中列为更正。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/quarter_close_action.py" line="59" />
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/quarter_close_action.py" line="60" />
        <source>Officer</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/quarter_close_action.py" line="90" />
        <source>{q} closed; SHA-256 {sha}</source>
        <translation>{q} 已关账;SHA-256 {sha}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/quarter_close_action.py" line="99" />
        <source>The quarter could not be closed: {e}</source>
        <translation>无法关账:{e}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/quarter_close_action.py" line="103" />
        <source>Close &amp;quarter…</source>
        <translation>季度关账(&amp;Q)…</translation>
    </message>
</context>
<context>
    <name>CloseYearDialog</name>
    <message>
        <location filename="../../desktop_app/ui/performance/close_year_dialog.py" line="48" />
        <source>Close {year} with an evaluation</source>
        <translation>{year} 年度绩效评价</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/close_year_dialog.py" line="54" />
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/close_year_dialog.py" line="55" />
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/close_year_dialog.py" line="56" />
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/close_year_dialog.py" line="57" />
        <source>Actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/close_year_dialog.py" line="58" />
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/close_year_dialog.py" line="78" />
        <source>Total {total} → computed grade {grade}</source>
        <translation>总分 {total} → 计算等级 {grade}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/close_year_dialog.py" line="90" />
        <source>No Q4 figure yet for: {names}. Their latest year-to-date figure is used.</source>
        <translation>以下指标尚无四季度数据:{names}。将按其最近一期年初至今累计值评价。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/close_year_dialog.py" line="102" />
        <source>The Performance tab shows {shown} {grade}: the full year projected from the year-to-date figures. Closing the year records the score of the figures themselves: {total} {computed}.</source>
        <translation>绩效页显示的 {shown} {grade} 是按年初至今数据推算的全年得分;年度评价记录的是按实际数据计算的得分:{total} {computed}。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/close_year_dialog.py" line="119" />
        <source>Required when the grade differs from the computed one</source>
        <translation>等级与计算等级不同时必填</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/close_year_dialog.py" line="129" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/close_year_dialog.py" line="130" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/close_year_dialog.py" line="131" />
        <source>Evaluated on</source>
        <translation>评价日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/close_year_dialog.py" line="132" />
        <source>Close the year</source>
        <translation>完成年度评价</translation>
    </message>
</context>
<context>
    <name>CollectReturnsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="54" />
        <source>Collect quarterly returns from {folder}</source>
        <translation>收取季度报送:{folder}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="57" />
        <source>From the files</source>
        <translation>按文件中的季度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="62" />
        <source>Ask (refuse the file)</source>
        <translation>询问(拒收该文件)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="63" />
        <source>Keep the database's value</source>
        <translation>保留数据库的值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="64" />
        <source>Take the return's value</source>
        <translation>采用报送表的值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="67" />
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="70" />
        <source>Cells changed on both sides</source>
        <translation>双方都修改的单元格</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="73" />
        <source>Checking the workbooks…</source>
        <translation>正在检查报送表……</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="79" />
        <source>Project / file</source>
        <translation>项目 / 文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="79" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="79" />
        <source>Before</source>
        <translation>原值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="79" />
        <source>After</source>
        <translation>新值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="85" />
        <source>Record the good returns even though some files are refused</source>
        <translation>即使有文件被拒收,也记录合格的报送</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="87" />
        <source>Record returns</source>
        <translation>记录报送</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="136" />
        <source>{no:02d} {name} — {unit} — {file}</source>
        <translation>{no:02d} {name} — {unit} — {file}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="142" />
        <source>No change</source>
        <translation>无修改</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="150" />
        <source>Differs from the return received {when} ({file})</source>
        <translation>与 {when} 收到的报送({file})不同之处</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="161" />
        <source>Warning: {text}</source>
        <translation>提示:{text}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="166" />
        <source>Conflict, took the return's: {text}</source>
        <translation>冲突,已采用报送表的值:{text}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="168" />
        <source>Conflict, kept the database's: {text}</source>
        <translation>冲突,已保留数据库的值:{text}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="174" />
        <source>Refused ({n})</source>
        <translation>拒收({n})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="183" />
        <source>Skipped ({n})</source>
        <translation>跳过({n})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="191" />
        <source>{quarter}: {n} return(s) to record ({changed} with changes), {refused} file(s) refused, {skipped} skipped.</source>
        <translation>{quarter}:待记录报送 {n} 份(其中 {changed} 份有修改),拒收 {refused} 个文件,跳过 {skipped} 个。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="202" />
        <source>With a refused file nothing is recorded unless you tick the box below.</source>
        <translation>有文件被拒收时,除非勾选下方选项,否则不记录任何报送。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="226" />
        <source>The returns could not be read: {error}</source>
        <translation>无法读取报送表:{error}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="237" />
        <source>Recording…</source>
        <translation>正在记录……</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_collect.py" line="263" />
        <source>{n} quarterly return(s) recorded for {quarter}</source>
        <translation>已记录 {quarter} 的 {n} 份季度报送</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../desktop_app/ui/conflict_dialog.py" line="51" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conflict_dialog.py" line="52" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conflict_dialog.py" line="72" />
        <source>Saved by someone else</source>
        <translation>其他人已先保存</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conflict_dialog.py" line="77" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conflict_dialog.py" line="77" />
        <source>Saved now (theirs)</source>
        <translation>当前已保存(他人)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conflict_dialog.py" line="77" />
        <source>Your change</source>
        <translation>您的修改</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conflict_dialog.py" line="90" />
        <source>Reload shows what is saved now and drops your change. Re-apply saves your values over theirs.</source>
        <translation>“重新载入”显示当前已保存的内容并放弃您的修改;“再次应用”用您的值覆盖他人的值。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conflict_dialog.py" line="96" />
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conflict_dialog.py" line="97" />
        <source>Re-apply my change</source>
        <translation>再次应用我的修改</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../desktop_app/ui/widgets/date_field.py" line="32" />
        <source>yyyy-mm-dd</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/date_field.py" line="35" />
        <source>Pick a date</source>
        <translation>选择日期</translation>
    </message>
</context>
<context>
    <name>DisbursementDialog</name>
    <message>
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="42" />
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="100" />
        <source>Amount (10k yuan)</source>
        <translation>金额(万元)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="44" />
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="103" />
        <source>Document no.</source>
        <translation>文号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="73" />
        <source>Edit payment</source>
        <translation>修改拨付</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="73" />
        <source>Add payment</source>
        <translation>新增拨付</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="76" />
        <source>e.g. 1,234.56</source>
        <translation>例如 1,234.56 或 123.45万</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="81" />
        <source>Blank: by the rule</source>
        <translation>留空按规则</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="84" />
        <source>The plan year this payment settles (plan-year basis). Blank: a reward pays the year before it is paid (its evaluation year), anything else the year it is paid. For an advance, type the later year it is for.</source>
        <translation>该笔拨付计入的计划年度(计划年度口径)。留空按规则:奖励计入拨付的上一年度(评价年度),其余计入拨付当年。预拨请填写其所属的以后年度。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="92" />
        <source>e.g. 思科〔2026〕12号</source>
        <translation>如 思科〔2026〕12号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="214" />
        <source>This payment changes the figures of {q}, which is closed. It is saved, and the next brief lists it as a correction to {q}.</source>
        <translation>此笔拨付会改变已关账的 {q} 的数据。已保存,下一期简报将把它列为对 {q} 的更正。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="41" />
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="99" />
        <source>Paid on</source>
        <translation>拨付日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="43" />
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="101" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="45" />
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="104" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="102" />
        <source>For plan year</source>
        <translation>计划年度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/disbursement_dialog.py" line="168" />
        <source>{reason}
Record this payment with the same number anyway?</source>
        <translation>{reason}
仍按此文号登记这笔拨付吗?</translation>
    </message>
</context>
<context>
    <name>DistrictModel</name>
    <message>
        <location filename="../../desktop_app/ui/performance/district_model.py" line="31" />
        <source>Target met</source>
        <translation>已达标</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_model.py" line="32" />
        <source>On track</source>
        <translation>进度正常</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_model.py" line="33" />
        <source>Behind</source>
        <translation>滞后</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_model.py" line="34" />
        <source>Not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_model.py" line="35" />
        <source>No data</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_model.py" line="42" />
        <source>Level</source>
        <translation>存量</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_model.py" line="43" />
        <source>5-year total</source>
        <translation>五年累计</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_model.py" line="44" />
        <source>5-year annual average</source>
        <translation>五年年均</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_model.py" line="85" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_model.py" line="86" />
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_model.py" line="87" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_model.py" line="88" />
        <source>Base</source>
        <translation>基期值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_model.py" line="89" />
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_model.py" line="90" />
        <source>Current</source>
        <translation>当前值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_model.py" line="91" />
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_model.py" line="137" />
        <source>Base year {year}</source>
        <translation>基期年份 {year}</translation>
    </message>
</context>
<context>
    <name>DistrictPage</name>
    <message>
        <location filename="../../desktop_app/ui/performance/district_page.py" line="76" />
        <source>Add plan period…</source>
        <translation>新增规划期…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_page.py" line="88" />
        <source>Progress: levels from base to target; totals and averages over the target.</source>
        <translation>进度:存量指标按基期值至目标值计算;累计与年均指标按占目标值比例计算。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_page.py" line="93" />
        <source>Plan period</source>
        <translation>规划期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_page.py" line="109" />
        <source>District indicators</source>
        <translation>全区指标</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/district_page.py" line="149" />
        <location filename="../../desktop_app/ui/performance/district_page.py" line="152" />
        <source>Not saved: {reason}</source>
        <translation>未保存:{reason}</translation>
    </message>
</context>
<context>
    <name>EvidenceDialog</name>
    <message>
        <location filename="../../desktop_app/ui/evidence/button.py" line="19" />
        <source>Evidence…</source>
        <translation>佐证材料…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/evidence/button.py" line="21" />
        <source>Files that back this record: acceptance reports, contracts, vouchers</source>
        <translation>支撑这条记录的文件:验收报告、合同、拨付凭证</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/evidence/button.py" line="33" />
        <source>Select a milestone, payment or closed year first.</source>
        <translation>请先选择一个里程碑、一笔拨付或一个已关账的年度。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/evidence/dialog.py" line="55" />
        <source>Remove {name}</source>
        <translation>移除 {name}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/evidence/dialog.py" line="83" />
        <source>Evidence — {what}</source>
        <translation>佐证材料 — {what}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/evidence/dialog.py" line="86" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/evidence/dialog.py" line="86" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/evidence/dialog.py" line="86" />
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/evidence/dialog.py" line="86" />
        <source>By</source>
        <translation>添加人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/evidence/dialog.py" line="86" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/evidence/dialog.py" line="92" />
        <source>Drop files here to add them (up to 50 MB each).</source>
        <translation>把文件拖到这里即可添加(每个不超过 50 MB)。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/evidence/dialog.py" line="95" />
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/evidence/dialog.py" line="96" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/evidence/dialog.py" line="97" />
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/evidence/dialog.py" line="98" />
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/evidence/dialog.py" line="99" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/evidence/dialog.py" line="182" />
        <source>Add evidence files</source>
        <translation>添加佐证文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/evidence/dialog.py" line="185" />
        <source>Evidence (*.pdf *.png *.jpg *.jpeg *.doc *.docx *.xls *.xlsx *.ofd);;All files (*)</source>
        <translation>佐证文件 (*.pdf *.png *.jpg *.jpeg *.doc *.docx *.xls *.xlsx *.ofd);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/evidence/dialog.py" line="214" />
        <source>Save the file as</source>
        <translation>文件另存为</translation>
    </message>
</context>
<context>
    <name>Funding</name>
    <message>
        <location filename="../../desktop_app/ui/funding/formatting.py" line="17" />
        <source>Start-up grant</source>
        <extracomment>Chart colours: start-up, fixed support, reward, disbursed.</extracomment>
        <translation>启动建设经费</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/formatting.py" line="18" />
        <source>Fixed support</source>
        <translation>固定扶持</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/formatting.py" line="19" />
        <source>Performance reward</source>
        <translation>绩效奖励</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/formatting.py" line="26" />
        <source>Linear (minus a step each year)</source>
        <translation>线性退坡(每年减少固定额)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/formatting.py" line="27" />
        <source>Geometric (minus a rate each year)</source>
        <translation>按比例退坡(每年减少一定比例)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/formatting.py" line="28" />
        <source>Manual (an amount per year)</source>
        <translation>手工(逐年填写金额)</translation>
    </message>
</context>
<context>
    <name>FundingController</name>
    <message>
        <location filename="../../desktop_app/ui/project/funding_controller.py" line="68" />
        <source>No plan yet: enter the approved plan.</source>
        <translation>尚无经费计划:请录入批复的计划。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_controller.py" line="86" />
        <source>Fix the marked fields to see the new schedule: {first}</source>
        <translation>请修正标红的字段后查看新的逐年计划:{first}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_controller.py" line="95" />
        <source>Preview of unsaved changes: press Save to keep them.</source>
        <translation>预览未保存的修改:点击“保存计划”后生效。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_controller.py" line="123" />
        <source>Funding plan saved.</source>
        <translation>经费计划已保存。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_controller.py" line="139" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_controller.py" line="189" />
        <source>Delete the payment of {date} ({amount} 10k yuan)?</source>
        <translation>删除 {date} 的拨付({amount} 万元)?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_controller.py" line="208" />
        <source>Payment deleted.</source>
        <translation>已删除该笔拨付。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_controller.py" line="224" />
        <source>Payment of {date} saved: {amount} (10k yuan).</source>
        <translation>已保存 {date} 的拨付:{amount} 万元。</translation>
    </message>
</context>
<context>
    <name>FundingPage</name>
    <message>
        <location filename="../../desktop_app/ui/funding/page.py" line="39" />
        <source>Amounts in 10k yuan by plan year. A year's reward is paid the following year, after its evaluation; it is counted here under the year it rewards.</source>
        <translation>金额单位万元,按计划年度统计。某年度的绩效奖励在次年评价后拨付,计入其所奖励的年度。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/page.py" line="55" />
        <source>Funding</source>
        <translation>经费</translation>
    </message>
</context>
<context>
    <name>FundingTab</name>
    <message>
        <location filename="../../desktop_app/ui/project/funding_tab.py" line="60" />
        <source>Save plan</source>
        <translation>保存计划</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_tab.py" line="61" />
        <source>Revert</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_tab.py" line="73" />
        <source>Disbursement register</source>
        <translation>拨付台账</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_tab.py" line="74" />
        <source>Funding plan by year</source>
        <translation>逐年经费计划</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_tab.py" line="77" />
        <source>Add payment…</source>
        <translation>新增拨付…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_tab.py" line="78" />
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_tab.py" line="79" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_tab.py" line="92" />
        <source>Funding</source>
        <translation>经费</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_tab.py" line="107" />
        <source>Disbursement register, newest first</source>
        <translation>拨付台账(最新在前)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_tab.py" line="129" />
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_tab.py" line="130" />
        <source>Years and chart</source>
        <translation>逐年与图表</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_tab.py" line="131" />
        <source>Payments</source>
        <translation>拨付台账</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_tab.py" line="132" />
        <source>Start-up tranches</source>
        <translation>启动经费分期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/funding_tab.py" line="192" />
        <source>Not saved: {why}</source>
        <translation>未保存:{why}</translation>
    </message>
</context>
<context>
    <name>GradeBars</name>
    <message>
        <location filename="../../desktop_app/ui/home/charts.py" line="71" />
        <source>Grades of {year}</source>
        <translation>{year} 年绩效等级</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/charts.py" line="73" />
        <source>No year evaluated yet</source>
        <translation>尚无已评价的年度</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../../desktop_app/ui/help_action.py" line="56" />
        <source>User guide</source>
        <translation>使用说明</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help_action.py" line="71" />
        <source>The user guide is missing: {path}</source>
        <translation>找不到使用说明文件:{path}</translation>
    </message>
</context>
<context>
    <name>Health</name>
    <message>
        <location filename="../../desktop_app/ui/widgets/health_marker.py" line="21" />
        <source>Red</source>
        <translation>红</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/health_marker.py" line="22" />
        <source>Amber</source>
        <translation>黄</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/health_marker.py" line="23" />
        <source>Green</source>
        <translation>绿</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/health_marker.py" line="24" />
        <source>No data</source>
        <translation>无数据</translation>
    </message>
</context>
<context>
    <name>HealthMarker</name>
    <message>
        <location filename="../../desktop_app/ui/widgets/health_marker.py" line="61" />
        <source>Health: {level}</source>
        <translation>健康状况:{level}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/health_marker.py" line="73" />
        <source>▲ Warning: {reason}</source>
        <translation>▲ 提示:{reason}</translation>
    </message>
</context>
<context>
    <name>HealthRing</name>
    <message>
        <location filename="../../desktop_app/ui/home/charts.py" line="47" />
        <source>Health of the projects</source>
        <translation>项目健康度</translation>
    </message>
</context>
<context>
    <name>HistoryLabels</name>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="12" />
        <location filename="../../desktop_app/ui/history/labels.py" line="59" />
        <location filename="../../desktop_app/ui/history/labels.py" line="161" />
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="13" />
        <source>Project domains</source>
        <translation>项目所属领域</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="14" />
        <location filename="../../desktop_app/ui/history/labels.py" line="76" />
        <location filename="../../desktop_app/ui/history/labels.py" line="166" />
        <source>Milestone</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="15" />
        <location filename="../../desktop_app/ui/history/labels.py" line="75" />
        <source>Baseline</source>
        <translation>基准计划</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="16" />
        <source>Baseline milestone</source>
        <translation>基准计划中的里程碑</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="17" />
        <location filename="../../desktop_app/ui/history/labels.py" line="128" />
        <source>Payment</source>
        <translation>拨付</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="18" />
        <location filename="../../desktop_app/ui/history/labels.py" line="100" />
        <source>Funding plan</source>
        <translation>经费计划</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="19" />
        <source>Funding plan year</source>
        <translation>经费计划年度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="20" />
        <source>Start-up tranche</source>
        <translation>启动经费分期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="21" />
        <location filename="../../desktop_app/ui/history/labels.py" line="111" />
        <location filename="../../desktop_app/ui/history/labels.py" line="165" />
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="22" />
        <source>Indicator actual</source>
        <translation>指标实际值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="23" />
        <location filename="../../desktop_app/ui/history/labels.py" line="114" />
        <source>Evaluation</source>
        <translation>绩效评价</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="24" />
        <source>Evaluation score</source>
        <translation>评价得分</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="25" />
        <location filename="../../desktop_app/ui/history/labels.py" line="163" />
        <source>District indicator</source>
        <translation>全区指标</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="26" />
        <source>District target</source>
        <translation>全区目标</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="27" />
        <source>District value</source>
        <translation>全区指标值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="28" />
        <location filename="../../desktop_app/ui/history/labels.py" line="50" />
        <location filename="../../desktop_app/ui/history/labels.py" line="162" />
        <source>Key domain</source>
        <translation>重点领域</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="29" />
        <location filename="../../desktop_app/ui/history/labels.py" line="49" />
        <source>Zone</source>
        <translation>片区</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="30" />
        <location filename="../../desktop_app/ui/history/labels.py" line="117" />
        <location filename="../../desktop_app/ui/history/labels.py" line="164" />
        <source>Plan period</source>
        <translation>规划期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="31" />
        <location filename="../../desktop_app/ui/history/labels.py" line="125" />
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="32" />
        <source>Evidence file</source>
        <translation>佐证文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="33" />
        <source>Evidence file content</source>
        <translation>佐证文件内容</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="34" />
        <source>Quarter close</source>
        <translation>季度关账</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="35" />
        <source>Quarterly return</source>
        <translation>季度报表</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="38" />
        <source>Other record</source>
        <translation>其他记录</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="43" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="44" />
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="45" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="46" />
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="47" />
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="48" />
        <source>Summary</source>
        <translation>简介</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="51" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="52" />
        <source>Lead organisation</source>
        <translation>承担单位</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="53" />
        <source>Start date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="54" />
        <source>End date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="55" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="56" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="57" />
        <source>Sample data</source>
        <translation>示例数据</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="58" />
        <source>Revision</source>
        <translation>修订号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="60" />
        <source>Milestone name</source>
        <translation>里程碑名称</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="61" />
        <source>Deliverable</source>
        <translation>交付物</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="62" />
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="63" />
        <source>Planned start</source>
        <translation>计划开始</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="64" />
        <source>Planned finish</source>
        <translation>计划完成</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="65" />
        <source>Baseline start</source>
        <translation>基准开始</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="66" />
        <source>Baseline finish</source>
        <translation>基准完成</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="67" />
        <source>Actual start</source>
        <translation>实际开始</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="68" />
        <source>Actual finish</source>
        <translation>实际完成</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="69" />
        <source>Complete %</source>
        <translation>完成%</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="70" />
        <source>Reason for cancelling</source>
        <translation>取消原因</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="71" />
        <source>Position</source>
        <translation>排序</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="72" />
        <source>Set on</source>
        <translation>设定日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="73" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="74" />
        <source>Recorded at</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="77" />
        <source>Paid on</source>
        <translation>拨付日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="78" />
        <location filename="../../desktop_app/ui/history/labels.py" line="167" />
        <source>Amount (10k yuan)</source>
        <translation>金额(万元)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="87" />
        <source>Start-up grant (10k yuan)</source>
        <translation>启动建设经费(万元)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="94" />
        <source>First-year amount (10k yuan)</source>
        <translation>首年金额(万元)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="97" />
        <source>Yearly step (10k yuan)</source>
        <translation>每年递减额(万元)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="99" />
        <source>Floor (10k yuan)</source>
        <translation>保底额(万元)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="101" />
        <source>Fixed support of the year (10k yuan)</source>
        <translation>当年固定扶持(万元)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="104" />
        <source>Reward cap (10k yuan)</source>
        <translation>奖励上限(万元)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="126" />
        <source>Plan year (plan-year basis)</source>
        <translation>计划年度(计划年度口径)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="129" />
        <location filename="../../desktop_app/ui/history/labels.py" line="153" />
        <source>File SHA-256</source>
        <translation>文件指纹(SHA-256)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="79" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="36" />
        <source>Quarterly return sent</source>
        <translation>季度报送表(发出)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="80" />
        <source>Document no.</source>
        <translation>文号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="81" />
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="82" />
        <source>Total score</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="83" />
        <source>Computed grade</source>
        <translation>计算等级</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="84" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="85" />
        <source>Reason for the grade</source>
        <translation>等级调整理由</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="86" />
        <source>Evaluated on</source>
        <translation>评价日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="90" />
        <source>Start-up year</source>
        <translation>启动经费年度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="91" />
        <source>Taper mode</source>
        <translation>退坡方式</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="92" />
        <source>First year of fixed support</source>
        <translation>固定扶持首年</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="93" />
        <source>Years of fixed support</source>
        <translation>固定扶持年限</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="98" />
        <source>Yearly rate</source>
        <translation>每年退坡比例</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="105" />
        <source>Tranche</source>
        <translation>分期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="106" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="107" />
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="108" />
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="109" />
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="110" />
        <source>Negative values allowed</source>
        <translation>允许负值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="112" />
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="113" />
        <source>Year-to-date value</source>
        <translation>年初至今累计值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="115" />
        <source>Actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="116" />
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="118" />
        <source>Base year</source>
        <translation>基期年份</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="119" />
        <source>Base value</source>
        <translation>基期值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="120" />
        <source>Target value</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="121" />
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="122" />
        <source>Role</source>
        <translation>定位</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="123" />
        <source>First year</source>
        <translation>起始年</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="124" />
        <source>Last year</source>
        <translation>截止年</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="127" />
        <source>Key domains</source>
        <translation>重点领域</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="130" />
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="131" />
        <source>Added at</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="132" />
        <source>Added by</source>
        <translation>添加人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="133" />
        <source>Removed</source>
        <translation>已移除</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="134" />
        <source>File size (bytes)</source>
        <translation>文件大小(字节)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="135" />
        <source>File content</source>
        <translation>文件内容</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="136" />
        <source>Stored at</source>
        <translation>存入时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="137" />
        <source>Figures as of</source>
        <translation>数据截至</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="138" />
        <source>Closed at</source>
        <translation>关账时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="139" />
        <source>Closed by</source>
        <translation>关账人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="140" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="141" />
        <source>Frozen figures</source>
        <translation>冻结的数据</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="142" />
        <source>Signed brief (PDF)</source>
        <translation>签发的简报(PDF)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="143" />
        <source>Signed brief in English (PDF)</source>
        <translation>英文版简报(PDF)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="144" />
        <source>English brief SHA-256</source>
        <translation>英文版简报 SHA-256</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="145" />
        <source>Workbook token</source>
        <translation>填报表标识</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="146" />
        <source>Made at</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="147" />
        <source>Made by</source>
        <translation>生成人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="148" />
        <source>Values sent</source>
        <translation>发出时的数值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="149" />
        <source>Reopened at</source>
        <translation>重开时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="150" />
        <source>Reopened by</source>
        <translation>重开人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="151" />
        <source>Reason for reopening</source>
        <translation>重开原因</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="152" />
        <source>Received at</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="154" />
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="155" />
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="156" />
        <source>Progress narrative</source>
        <translation>进展说明</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="157" />
        <source>Values reported</source>
        <translation>报送的数值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="158" />
        <source>Changes taken</source>
        <translation>采纳的修改</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="159" />
        <source>Officer</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="169" />
        <source>Other field</source>
        <translation>其他字段</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="185" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/labels.py" line="187" />
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="21" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="22" />
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="23" />
        <source>Change</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="24" />
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="25" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="26" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="27" />
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="28" />
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="34" />
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="35" />
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="36" />
        <source>deleted</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="60" />
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="64" />
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="65" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="66" />
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="67" />
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="85" />
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="91" />
        <source>All projects</source>
        <translation>全部项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="98" />
        <source>All fields</source>
        <translation>全部字段</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="147" />
        <source>{n} changes, newest first</source>
        <translation>共 {n} 条修改,最新的在前</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="55" />
        <source>Loading the portfolio…</source>
        <translation>正在汇总项目情况…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="163" />
        <source>{level} projects</source>
        <translation>{level}色项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="64" />
        <source>Milestones overdue</source>
        <translation>已逾期的里程碑</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="66" />
        <source>Milestones due within 30 days</source>
        <translation>30 天内到期的里程碑</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="68" />
        <location filename="../../desktop_app/ui/home/page.py" line="281" />
        <source>Warnings</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="69" />
        <source>Plan this year (10k yuan)</source>
        <translation>本年计划(万元)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="70" />
        <source>Paid this year (10k yuan)</source>
        <translation>本年已拨付(万元)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="80" />
        <source>Click a figure to see the rows behind it.</source>
        <translation>点击任一数字,查看其背后的明细。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="97" />
        <source>Double-click a row to open its project.</source>
        <translation>双击一行打开其项目。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="123" />
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="162" />
        <source>Projects with no data yet</source>
        <translation>尚无数据的项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="167" />
        <source>The figures could not be computed: {why}</source>
        <translation>无法汇总数据:{why}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="175" />
        <source>Portfolio as of {date} ({n} projects)</source>
        <translation>截至 {date} 的项目总体情况(共 {n} 个项目)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="183" />
        <source>Milestones due within {n} days</source>
        <translation>{n} 天内到期的里程碑</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="195" />
        <source>{grade} in {year}</source>
        <translation>{year} 年 {grade}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="201" />
        <source>Plan: the plan of {year} (plan-year basis). Paid: cash paid from 1 January to {date} (cash basis).</source>
        <translation>计划:{year} 年度计划(计划年度口径)。已拨付:1 月 1 日至 {date} 实际拨付(现金口径)。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="230" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="230" />
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="238" />
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="251" />
        <source>Milestone</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="252" />
        <source>Planned finish</source>
        <translation>计划完成</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="253" />
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="253" />
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="254" />
        <source>Complete %</source>
        <translation>完成%</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="268" />
        <source>Money of {year} by project (10k yuan)</source>
        <translation>{year} 年各项目经费(万元)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="270" />
        <source>Plan this year</source>
        <translation>本年计划</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="270" />
        <source>Paid this year</source>
        <translation>本年已拨付</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="282" />
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="287" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/home/page.py" line="292" />
        <source>{title}: {n} rows</source>
        <translation>{title}:共 {n} 行</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="76" />
        <source>Import {name}</source>
        <extracomment>Rows listed per section of the preview; the rest are counted. A workbook of another database, to be imported as hand-made (the officer said so).</extracomment>
        <translation>导入 {name}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="78" />
        <location filename="../../desktop_app/ui/io_actions.py" line="147" />
        <source>Checking the workbook…</source>
        <translation>正在检查工作簿……</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="137" />
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="137" />
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="137" />
        <source>Old</source>
        <translation>原值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="137" />
        <source>New</source>
        <translation>新值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="137" />
        <source>Choice</source>
        <translation>选择</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="99" />
        <source>Keep the database's value for all</source>
        <translation>全部保留数据库的值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="100" />
        <source>Take the workbook's value for all</source>
        <translation>全部采用工作簿的值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="103" />
        <source>Import as a hand-made workbook</source>
        <translation>作为手工工作簿导入</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="106" />
        <source>Every value in it that differs replaces this database's; payments are matched by project, date, kind and plan year.</source>
        <translation>其中每个与本数据库不同的值都将替换本数据库中的值;拨付按项目、日期、类别和计划年度匹配。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="120" />
        <source>Confirm import</source>
        <translation>确认导入</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="178" />
        <source>{sheet}: {added} to add, {changed} to change, {unchanged} unchanged</source>
        <translation>{sheet}:新增 {added} 行,修改 {changed} 行,未变 {unchanged} 行</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="188" />
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="189" />
        <location filename="../../desktop_app/ui/io_actions.py" line="366" />
        <location filename="../../desktop_app/ui/io_actions.py" line="371" />
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="197" />
        <source>{added} rows to add, {changed} to change, {unchanged} unchanged, and {conflicts} conflict(s): choose for each whether to keep the database's value or take the workbook's.</source>
        <translation>新增 {added} 行,修改 {changed} 行,未变 {unchanged} 行,另有 {conflicts} 处冲突:请逐项选择保留数据库的值或采用工作簿的值。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="201" />
        <source>{added} rows to add, {changed} to change, {unchanged} unchanged. A backup is taken before anything is written.</source>
        <translation>将新增 {added} 行、修改 {changed} 行,{unchanged} 行未变。写入前会先备份数据库。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="204" />
        <source>Nothing to change: all {unchanged} rows match the database.</source>
        <translation>无需修改:{unchanged} 行均与数据库一致。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="220" />
        <source>Compared with its export of {at}: cells you did not change are left as the database has them.</source>
        <translation>已与 {at} 的导出版本比对:您未修改的单元格保持数据库现值。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="224" />
        <source>{n} cell(s) changed in the database since the export are kept.</source>
        <translation>导出后数据库中已修改的 {n} 个单元格保持不变。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="228" />
        <source>This workbook was exported from another database: every value in it that differs replaces this database's.</source>
        <translation>此工作簿导出自另一个数据库:其中每个与本数据库不同的值都将替换本数据库中的值。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="232" />
        <source>This workbook carries no export versions (made by hand or from the template): every value in it that differs replaces the database's.</source>
        <translation>此工作簿不含导出版本信息(手工制作或来自模板):其中每个与数据库不同的值都将替换数据库中的值。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="245" />
        <source>Conflicts ({n}): changed in the database since the export and in the workbook</source>
        <translation>冲突({n} 处):导出后数据库与工作簿都修改了</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="254" />
        <source>{sheet} row {row}: {key}</source>
        <translation>{sheet} 第 {row} 行:{key}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="258" />
        <source>exported “{exported}” → now “{database}”</source>
        <translation>导出时“{exported}” → 现为“{database}”</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="268" />
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="269" />
        <source>Keep database</source>
        <translation>保留数据库</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="270" />
        <source>Take workbook</source>
        <translation>采用工作簿</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="301" />
        <source>{n} row(s) change the figures of a closed quarter ({quarters}). Its brief stays as it was closed; the next brief lists these changes as corrections. Confirm to import them anyway, or Cancel to change nothing.</source>
        <translation>{n} 行修改了已关账季度({quarters})的数据。该季度简报保持关账时的版本;下一期简报将把这些修改列为更正。确认则照常导入,取消则不作任何修改。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="304" />
        <source>Closed quarters ({n})</source>
        <translation>已关账季度({n})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="308" />
        <source>{sheet} row {row}</source>
        <translation>{sheet} 第 {row} 行</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="309" />
        <source>(new row)</source>
        <translation>(新增行)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="310" />
        <source>{q} is closed: listed as a correction</source>
        <translation>{q} 已关账:将列为更正</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="362" />
        <source>row {row}: {key}</source>
        <translation>第 {row} 行:{key}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="318" />
        <location filename="../../desktop_app/ui/io_actions.py" line="369" />
        <location filename="../../desktop_app/ui/io_actions.py" line="401" />
        <source>… and {n} more</source>
        <translation>……另有 {n} 行</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="389" />
        <source>The workbook was not imported: {n} problem(s). Correct them and import again.</source>
        <translation>工作簿未导入:发现 {n} 处问题,请更正后重新导入。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="394" />
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="409" />
        <source>The workbook could not be read: {error}</source>
        <translation>无法读取工作簿:{error}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="418" />
        <source>Importing…</source>
        <translation>正在导入……</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="421" />
        <source>Imported {added} new and {changed} changed rows from {name}</source>
        <translation>已从 {name} 导入:新增 {added} 行,修改 {changed} 行</translation>
    </message>
</context>
<context>
    <name>IndicatorModel</name>
    <message>
        <location filename="../../desktop_app/ui/performance/indicator_model.py" line="139" />
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/indicator_model.py" line="107" />
        <location filename="../../desktop_app/ui/performance/indicator_model.py" line="141" />
        <source>Projected score</source>
        <translation>预计得分</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/indicator_model.py" line="89" />
        <source>Direction must be one of: {labels}.</source>
        <extracomment>The definition columns a block of text can be pasted into (not the tick box).</extracomment>
        <translation>方向须为以下之一:{labels}。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/indicator_model.py" line="97" />
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/indicator_model.py" line="98" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/indicator_model.py" line="99" />
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/indicator_model.py" line="100" />
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/indicator_model.py" line="101" />
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/indicator_model.py" line="102" />
        <source>Negatives</source>
        <translation>可为负</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/indicator_model.py" line="103" />
        <source>Q1 YTD</source>
        <translation>一季度累计</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/indicator_model.py" line="104" />
        <source>Q2 YTD</source>
        <translation>二季度累计</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/indicator_model.py" line="105" />
        <source>Q3 YTD</source>
        <translation>三季度累计</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/indicator_model.py" line="106" />
        <source>Q4 YTD</source>
        <translation>四季度累计</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/indicator_model.py" line="208" />
        <source>Ticked: actuals below zero are accepted (e.g. a loss)</source>
        <translation>勾选后允许实际值为负(如亏损)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/indicator_model.py" line="226" />
        <source>The officer's score, 0 to the weight</source>
        <translation>专员评分,0 至权重</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/indicator_model.py" line="229" />
        <source>Year-to-date figure at quarter end</source>
        <translation>季度末年初至今累计值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/indicator_model.py" line="286" />
        <source>A qualitative indicator has no target.</source>
        <translation>定性指标没有目标值。</translation>
    </message>
</context>
<context>
    <name>IoActions</name>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="455" />
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="461" />
        <source>The export failed: {error}</source>
        <translation>导出失败:{error}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="464" />
        <source>Exporting…</source>
        <translation>正在导出……</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="471" />
        <source>&amp;Export to Excel…</source>
        <translation>导出到 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="472" />
        <source>&amp;Import from Excel…</source>
        <translation>从 Excel 导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="478" />
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="480" />
        <location filename="../../desktop_app/ui/io_actions.py" line="491" />
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/io_actions.py" line="489" />
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="10" />
        <source>Planned</source>
        <translation>计划中</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="11" />
        <source>Active</source>
        <translation>实施中</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="12" />
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="13" />
        <source>Suspended</source>
        <translation>已暂停</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="49" />
        <source>Siming Key Projects Portfolio</source>
        <extracomment>The project tabs' modules, imported while the window is idle after its first paint: a tab's first visit then builds and paints, without also importing ~10 ms of code.</extracomment>
        <translation>思明区重点支撑项目管理</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="78" />
        <source>This database is open read-only: changes cannot be saved.</source>
        <translation>数据库以只读方式打开:修改无法保存。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="150" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="151" />
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="156" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="157" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="187" />
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="188" />
        <source>&amp;New row</source>
        <translation>新增一行(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="189" />
        <source>&amp;Print this table…</source>
        <translation>打印当前表格(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="195" />
        <source>&amp;Find project…</source>
        <translation>查找项目(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="261" />
        <source>Not saved: see the marked fields.</source>
        <translation>未保存:请看标红的字段。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="162" />
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="163" />
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="174" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="200" />
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="212" />
        <source>The interface language changes the next time the app starts.</source>
        <translation>界面语言将在下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="256" />
        <source>Nothing to save.</source>
        <translation>没有需要保存的修改。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="259" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help_action.py" line="81" />
        <source>&amp;User guide</source>
        <translation>使用说明(&amp;U)</translation>
    </message>
</context>
<context>
    <name>MakeReturnsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/returns_make.py" line="52" />
        <source>Make quarterly return workbooks</source>
        <translation>生成季度报送表</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_make.py" line="63" />
        <source>e.g. Li Ming, 0592-1234567</source>
        <translation>如:李明 0592-1234567</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_make.py" line="65" />
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_make.py" line="66" />
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_make.py" line="68" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_make.py" line="70" />
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_make.py" line="71" />
        <source>Due date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_make.py" line="72" />
        <source>Office contact</source>
        <translation>区科技局联系人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_make.py" line="73" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_make.py" line="74" />
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_make.py" line="77" />
        <source>One workbook per project, holding only that project: the unit fills in milestone progress, the quarter's indicator figures, a narrative and its contact. Keys and reference columns are locked.</source>
        <translation>每个项目一份报送表,只含本项目:承担单位填写里程碑进展、本季度指标完成值、进展情况和联系人。键和参考列已锁定。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_make.py" line="83" />
        <source>Make workbooks</source>
        <translation>生成报送表</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_make.py" line="99" />
        <source>Folder for the workbooks</source>
        <translation>报送表保存位置</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_make.py" line="113" />
        <source>{folder} already holds {n} return workbook(s) for {quarter}, e.g. {file}. Replace them? Workbooks already sent to the units can still be collected.</source>
        <translation>{folder} 中已有 {n} 份 {quarter} 报送表,如 {file}。要覆盖吗?已发给单位的报送表仍可收取。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_make.py" line="116" />
        <source>Replace the returns?</source>
        <translation>覆盖报送表?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_make.py" line="128" />
        <source>Writing the workbooks…</source>
        <translation>正在生成报送表……</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_make.py" line="141" />
        <source>{n} return workbooks written to {folder}</source>
        <translation>已生成 {n} 份报送表,位于 {folder}</translation>
    </message>
</context>
<context>
    <name>MilestonesController</name>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="183" />
        <source>Undone: {step}</source>
        <translation>已撤销:{step}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="183" />
        <source>Redone: {step}</source>
        <translation>已重做:{step}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="201" />
        <source>Percent complete must be a whole number.</source>
        <translation>完成百分比须为整数。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="215" />
        <source>Not understood: {why}</source>
        <translation>无法识别:{why}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="244" />
        <source>Edit {field} of {code}</source>
        <translation>修改 {code} 的{field}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="248" />
        <source>Saved: {what}.</source>
        <translation>已保存:{what}。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="260" />
        <source>Row {row}: there is no milestone there.</source>
        <translation>第 {row} 行:那里没有里程碑。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="265" />
        <source>Row {row}, column “{column}”</source>
        <translation>第 {row} 行“{column}”列</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="269" />
        <source>{where}: this column cannot be pasted into.</source>
        <translation>{where}:该列不能粘贴。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="281" />
        <source>Row {row}, column “{column}”: {why}</source>
        <translation>第 {row} 行“{column}”列:{why}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="285" />
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="293" />
        <source>Paste into {code}</source>
        <translation>粘贴到 {code}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="300" />
        <source>Pasted into {n} milestones.</source>
        <translation>已粘贴到 {n} 个里程碑。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="309" />
        <source>{code} finished on {end}: mark it done at 100 %{start}?</source>
        <translation>{code} 已于 {end} 完成:是否标记为已完成、完成 100%{start}?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="314" />
        <source>, with actual start {day}</source>
        <translation>,实际开始日期记为 {day}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="335" />
        <source>New milestone</source>
        <translation>新里程碑</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="342" />
        <source>Add milestone</source>
        <translation>新增里程碑</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="348" />
        <source>Milestone {code} added: type its name.</source>
        <translation>已新增里程碑 {code}:请输入名称。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="356" />
        <source>Delete milestone {code} “{title}”?</source>
        <translation>删除里程碑 {code}“{title}”?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="366" />
        <source>Delete milestone</source>
        <translation>删除里程碑</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="384" />
        <source>Move milestone</source>
        <translation>移动里程碑</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_controller.py" line="403" />
        <source>Baseline set.</source>
        <translation>已设定基准计划。</translation>
    </message>
</context>
<context>
    <name>MilestonesModel</name>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_model.py" line="70" />
        <source>Not started</source>
        <extracomment>Column → the `MilestoneEdit` field it edits (absent: read-only).</extracomment>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_model.py" line="71" />
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_model.py" line="72" />
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_model.py" line="73" />
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_model.py" line="80" />
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_model.py" line="81" />
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_model.py" line="82" />
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_model.py" line="83" />
        <source>Planned start</source>
        <translation>计划开始</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_model.py" line="84" />
        <source>Planned end</source>
        <translation>计划完成</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_model.py" line="85" />
        <source>Actual start</source>
        <translation>实际开始</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_model.py" line="86" />
        <source>Actual end</source>
        <translation>实际完成</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_model.py" line="87" />
        <source>% done</source>
        <translation>完成%</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_model.py" line="88" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_model.py" line="89" />
        <source>Baseline end</source>
        <translation>基准完成日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_model.py" line="90" />
        <source>Slip (days)</source>
        <translation>偏差(天)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_model.py" line="91" />
        <source>Cancel reason</source>
        <translation>取消原因</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_model.py" line="92" />
        <source>Deliverable</source>
        <translation>交付成果</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_model.py" line="93" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>MilestonesTab</name>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_tab.py" line="74" />
        <source>Add milestone</source>
        <translation>新增里程碑</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_tab.py" line="75" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_tab.py" line="76" />
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_tab.py" line="77" />
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_tab.py" line="78" />
        <source>Set baseline…</source>
        <translation>设定基准计划…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_tab.py" line="79" />
        <source>Baseline history…</source>
        <translation>基准计划历史…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_tab.py" line="81" />
        <location filename="../../desktop_app/ui/project/milestones_tab.py" line="90" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_tab.py" line="83" />
        <location filename="../../desktop_app/ui/project/milestones_tab.py" line="91" />
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_tab.py" line="135" />
        <location filename="../../desktop_app/ui/project/milestones_tab.py" line="147" />
        <source>Timeline</source>
        <translation>甘特图</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_tab.py" line="137" />
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_tab.py" line="167" />
        <source>Milestones</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_tab.py" line="240" />
        <source>Worst slip: {n} days</source>
        <translation>最大偏差:{n} 天</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_tab.py" line="237" />
        <source>No baseline yet</source>
        <translation>尚无基准计划</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_tab.py" line="123" />
        <source>Slip: &lt;span style='color:#c62828'&gt;red&lt;/span&gt; later than the baseline, &lt;span style='color:#2e7d32'&gt;green&lt;/span&gt; earlier · &lt;span style='background:#fdecea'&gt;pink cell&lt;/span&gt;: refused, not saved</source>
        <translation>偏差:&lt;span style='color:#c62828'&gt;红色&lt;/span&gt; 晚于基准计划,&lt;span style='color:#2e7d32'&gt;绿色&lt;/span&gt; 早于基准计划 · &lt;span style='background:#fdecea'&gt;粉色单元格&lt;/span&gt;:输入被拒绝,未保存</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/milestones_tab.py" line="146" />
        <source>Table</source>
        <translation>表格</translation>
    </message>
</context>
<context>
    <name>OfficerControl</name>
    <message>
        <location filename="../../desktop_app/ui/officer.py" line="43" />
        <source>Officer (your name)…</source>
        <translation>经办人(您的姓名)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/officer.py" line="57" />
        <source>Officer: {name}</source>
        <translation>经办人:{name}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/officer.py" line="60" />
        <source>Officer: not set</source>
        <translation>经办人:未设置</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/officer.py" line="63" />
        <source>The name the change history records for your edits (click to change)</source>
        <translation>修改记录中为您的修改记下的姓名(点击修改)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/officer.py" line="70" />
        <source>Officer</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/officer.py" line="71" />
        <source>Your name, as the change history should record it:</source>
        <translation>您的姓名(修改记录中将记为经办人):</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/officer.py" line="91" />
        <source>Edits are now recorded as made by {name}.</source>
        <translation>此后的修改将记为 {name} 所做。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/officer.py" line="93" />
        <source>No officer name: edits are recorded under the computer's login.</source>
        <translation>未设经办人:修改将记在本机登录账户名下。</translation>
    </message>
</context>
<context>
    <name>PasswordPrompt</name>
    <message>
        <location filename="../../desktop_app/ui/password_prompt.py" line="13" />
        <source>Database password</source>
        <translation>数据库密码</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/password_prompt.py" line="14" />
        <source>Password for {server}:</source>
        <translation>{server} 的密码:</translation>
    </message>
</context>
<context>
    <name>Performance</name>
    <message>
        <location filename="../../desktop_app/ui/performance/formatting.py" line="27" />
        <source>A (excellent)</source>
        <extracomment>Background per grade: green, light green, amber, red — readable with black text. Strong per-grade colours for marks on white (chart points, grade letters).</extracomment>
        <translation>优(A)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/formatting.py" line="28" />
        <source>B (good)</source>
        <translation>良(B)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/formatting.py" line="29" />
        <source>C (fair)</source>
        <translation>中(C)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/formatting.py" line="30" />
        <source>D (poor)</source>
        <translation>差(D)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/formatting.py" line="37" />
        <source>Higher is better</source>
        <translation>越高越好</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/formatting.py" line="38" />
        <source>Lower is better</source>
        <translation>越低越好</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/formatting.py" line="39" />
        <source>Qualitative</source>
        <translation>定性</translation>
    </message>
</context>
<context>
    <name>PerformanceController</name>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="86" />
        <source>The indicator set has unsaved changes. Save them?</source>
        <translation>指标有未保存的修改,是否保存?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="115" />
        <source>“{name}” has actuals; they are deleted with it when you save. Continue?</source>
        <translation>“{name}”已有实绩,保存时将一并删除。是否继续?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="132" />
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="166" />
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="310" />
        <source>Not saved: {reason}</source>
        <translation>未保存:{reason}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="136" />
        <source>Not saved: the earlier figure was kept.</source>
        <translation>未保存:保留原来的数值。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="156" />
        <source>The year-to-date of Q{q} ({new}) is below the previous quarter's ({old}): a year-to-date figure normally only grows. Save it anyway?</source>
        <translation>第 {q} 季度的年初至今累计值({new})低于上一季度({old}):累计值通常只增不减。仍要保存吗?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="195" />
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="315" />
        <source>Performance figures saved.</source>
        <translation>绩效数据已保存。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="202" />
        <source>Row {row}, column “{column}”</source>
        <translation>第 {row} 行“{column}”列</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="205" />
        <source>{where}: {why}</source>
        <translation>{where}:{why}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="218" />
        <source>this column cannot be pasted into.</source>
        <translation>该列不能粘贴。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="224" />
        <source>the year is closed by its evaluation; reopen it first.</source>
        <translation>该年度已完成绩效评价,请先重新打开该年度。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="226" />
        <source>the database is open read-only.</source>
        <translation>数据库以只读方式打开。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="229" />
        <source>there is no indicator there.</source>
        <translation>此处没有指标。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="252" />
        <source>save or discard the changed indicators before pasting figures.</source>
        <translation>请先保存或放弃对指标的修改,再粘贴数值。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="262" />
        <source>the indicator is not saved yet.</source>
        <translation>该指标尚未保存。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="264" />
        <source>Q{q} of {year} has not begun yet.</source>
        <translation>{year} 年第 {q} 季度尚未开始。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="273" />
        <source>Not pasted: the earlier figures were kept.</source>
        <translation>未粘贴:保留原来的数值。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="283" />
        <source>Pasted {n} figures.</source>
        <translation>已粘贴 {n} 个数值。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="354" />
        <source>Reopen {year}</source>
        <translation>重新打开 {year} 年度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_controller.py" line="355" />
        <source>Why is the evaluation reopened? (kept in the audit trail)</source>
        <translation>重新打开评价的理由(记入审计日志):</translation>
    </message>
</context>
<context>
    <name>PerformanceTab</name>
    <message>
        <location filename="../../desktop_app/ui/project/performance_tab.py" line="53" />
        <source>Year </source>
        <translation>年度 </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_tab.py" line="54" />
        <source>Copy last year's indicators</source>
        <translation>沿用上年指标</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_tab.py" line="55" />
        <source>Add indicator</source>
        <translation>新增指标</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_tab.py" line="56" />
        <source>Delete indicator</source>
        <translation>删除指标</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_tab.py" line="57" />
        <source>Save indicators</source>
        <translation>保存指标</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_tab.py" line="58" />
        <source>Discard</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_tab.py" line="59" />
        <source>Close year…</source>
        <translation>年度评价…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_tab.py" line="60" />
        <source>Reopen year…</source>
        <translation>重新打开年度…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_tab.py" line="127" />
        <source>Performance</source>
        <translation>绩效</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_tab.py" line="173" />
        <source>Weights: &lt;b style='color:{color}'&gt;{sum}&lt;/b&gt; of 100</source>
        <translation>权重合计:&lt;b style='color:{color}'&gt;{sum}&lt;/b&gt; / 100</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_tab.py" line="178" />
        <source>No indicators for {year} yet.</source>
        <translation>{year} 年尚未设定指标。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_tab.py" line="181" />
        <source>Closed: total &lt;b&gt;{total}&lt;/b&gt;, grade &lt;b&gt;{grade}&lt;/b&gt;</source>
        <translation>已评价:总分 &lt;b&gt;{total}&lt;/b&gt;,等级 &lt;b&gt;{grade}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_tab.py" line="185" />
        <source> (computed {computed}; reason: {reason})</source>
        <translation>(计算等级 {computed};理由:{reason})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_tab.py" line="191" />
        <source>Projected from Q{q} year-to-date: &lt;b&gt;{score}&lt;/b&gt; → {grade}</source>
        <translation>按第 {q} 季度年初至今实绩推算:&lt;b&gt;{score}&lt;/b&gt; → {grade}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/performance_tab.py" line="233" />
        <source>New indicator</source>
        <translation>新指标</translation>
    </message>
</context>
<context>
    <name>PlanChart</name>
    <message>
        <location filename="../../desktop_app/ui/funding/charts.py" line="60" />
        <source>Planned (stacked) and disbursed per year, 10k yuan</source>
        <translation>逐年计划(堆叠)与已拨付,万元</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/charts.py" line="73" />
        <source>Reward (earned, or cap)</source>
        <translation>奖励(应得或上限)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/charts.py" line="76" />
        <source>Disbursed</source>
        <translation>已拨付</translation>
    </message>
</context>
<context>
    <name>PlanForm</name>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="87" />
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="138" />
        <source>Fixed support (manual)</source>
        <translation>固定扶持(手工)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="87" />
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="139" />
        <source>Reward cap</source>
        <translation>奖励上限</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="92" />
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="92" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="92" />
        <source>Amount (10k yuan)</source>
        <translation>金额(万元)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="92" />
        <source>Milestone</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="97" />
        <source>Code of the milestone whose completion releases this tranche (optional)</source>
        <translation>完成后拨付本期经费的里程碑编号(可空)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="103" />
        <source>Add tranche</source>
        <translation>增加分期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="104" />
        <source>Remove tranche</source>
        <translation>删除分期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="129" />
        <source>Taper mode</source>
        <translation>退坡方式</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="130" />
        <source>First year of fixed support</source>
        <translation>固定扶持首年</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="131" />
        <source>Years of fixed support</source>
        <translation>固定扶持年限</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="132" />
        <source>First year's amount (10k yuan)</source>
        <translation>首年金额(万元)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="133" />
        <source>Step per year (10k yuan)</source>
        <translation>每年递减额(万元)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="135" />
        <source>Floor (10k yuan)</source>
        <translation>保底额(万元)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="136" />
        <source>Start-up grant (10k yuan)</source>
        <translation>启动建设经费(万元)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="150" />
        <source>Per year (10k yuan):</source>
        <translation>逐年金额(万元):</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="134" />
        <source>Rate per year (%)</source>
        <translation>每年退坡比例(%)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="137" />
        <source>Start-up year</source>
        <translation>启动经费年度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="140" />
        <source>Start-up tranches</source>
        <translation>启动经费分期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="146" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/plan_form.py" line="169" />
        <source>Start-up tranches (leave empty for one payment):</source>
        <translation>启动经费分期(一次拨付可留空):</translation>
    </message>
</context>
<context>
    <name>PlanReportDialog</name>
    <message>
        <location filename="../../desktop_app/ui/plan_report_action.py" line="30" />
        <source>Plan-period report</source>
        <translation>规划期终期评估报告</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/plan_report_action.py" line="34" />
        <source>Set up the next plan period…</source>
        <translation>设立下一规划期…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/plan_report_action.py" line="36" />
        <source>Plan period</source>
        <translation>规划期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/plan_report_action.py" line="59" />
        <source>Final evaluation {period}.pdf</source>
        <translation>终期评估 {period}.pdf</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/plan_report_action.py" line="75" />
        <source>Save the report as</source>
        <translation>报告另存为</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/plan_report_action.py" line="93" />
        <source>There is no plan period to report on.</source>
        <translation>没有可评估的规划期。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/plan_report_action.py" line="78" />
        <source>Choose where to save the report.</source>
        <translation>请选择报告的保存位置。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/plan_report_action.py" line="81" />
        <source>Report written to {path}</source>
        <translation>报告已写入 {path}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/plan_report_action.py" line="84" />
        <source>The report could not be made: {error}</source>
        <translation>无法生成报告:{error}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/plan_report_action.py" line="112" />
        <source>&amp;Plan-period report…</source>
        <translation>规划期终期评估报告(&amp;P)…</translation>
    </message>
</context>
<context>
    <name>PortfolioFundingModel</name>
    <message>
        <location filename="../../desktop_app/ui/funding/portfolio_model.py" line="34" />
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/portfolio_model.py" line="35" />
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/portfolio_model.py" line="36" />
        <source>Planned start-up</source>
        <translation>计划启动经费</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/portfolio_model.py" line="37" />
        <source>Planned fixed support</source>
        <translation>计划固定扶持</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/portfolio_model.py" line="38" />
        <source>Reward caps</source>
        <translation>奖励上限</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/portfolio_model.py" line="39" />
        <source>Earned rewards</source>
        <translation>应得奖励</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/portfolio_model.py" line="40" />
        <source>Disbursed</source>
        <translation>已拨付</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/portfolio_model.py" line="41" />
        <source>Reward share (plan)</source>
        <translation>奖励占比(计划)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/portfolio_model.py" line="42" />
        <source>Reward share (paid)</source>
        <translation>奖励占比(实拨)</translation>
    </message>
</context>
<context>
    <name>PortfolioModel</name>
    <message>
        <location filename="../../desktop_app/ui/portfolio/table_model.py" line="24" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/table_model.py" line="25" />
        <source>Project</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/table_model.py" line="26" />
        <source>Zone</source>
        <translation>片区</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/table_model.py" line="27" />
        <source>Key domains</source>
        <translation>重点领域</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/table_model.py" line="28" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/table_model.py" line="29" />
        <source>Lead organisation</source>
        <translation>承担单位</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/table_model.py" line="30" />
        <source>Period</source>
        <translation>实施期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/table_model.py" line="31" />
        <source>Health</source>
        <translation>健康度</translation>
    </message>
</context>
<context>
    <name>PortfolioPage</name>
    <message>
        <location filename="../../desktop_app/ui/portfolio/page.py" line="49" />
        <source>Search name, English name, lead organisation…</source>
        <translation>搜索名称、英文名称、承担单位…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/page.py" line="78" />
        <source>Show or hide the project list (double-click a project to open it full width)</source>
        <translation>显示或隐藏项目列表(双击项目可全宽打开)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/page.py" line="128" />
        <source>Portfolio</source>
        <translation>项目总览</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/page.py" line="132" />
        <source>All zones</source>
        <translation>全部片区</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/page.py" line="135" />
        <source>All domains</source>
        <translation>全部领域</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/page.py" line="138" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/page.py" line="179" />
        <source>◀ Hide list</source>
        <translation>◀ 收起列表</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/page.py" line="179" />
        <source>▶ Project list</source>
        <translation>▶ 项目列表</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/page.py" line="234" />
        <source>{shown} of {total} projects</source>
        <translation>显示 {shown} / 共 {total} 个项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/page.py" line="236" />
        <source>no project matches: change the search or the filters</source>
        <translation>没有匹配的项目:请修改搜索词或筛选条件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/page.py" line="240" />
        <source>No project matches the search or the filters.</source>
        <translation>没有符合搜索或筛选条件的项目。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/page.py" line="242" />
        <source>No projects yet.</source>
        <translation>还没有项目。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/portfolio/page.py" line="301" />
        <source>Health could not be computed: {why}</source>
        <translation>无法计算健康状况:{why}</translation>
    </message>
</context>
<context>
    <name>PortfolioTimelinePage</name>
    <message>
        <location filename="../../desktop_app/ui/milestones/timeline_page.py" line="42" />
        <source>Zoom</source>
        <extracomment>Projects whose bars load before the page shows (a few screens' worth).</extracomment>
        <translation>缩放</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/timeline_page.py" line="54" />
        <source>Timeline</source>
        <translation>甘特图</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/timeline_page.py" line="91" />
        <source>{projects} projects, {milestones} milestones</source>
        <translation>{projects} 个项目,{milestones} 个里程碑</translation>
    </message>
</context>
<context>
    <name>ProjectDetailsForm</name>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="68" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="69" />
        <source>Revert</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="75" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="76" />
        <location filename="../../desktop_app/ui/project/details_form.py" line="301" />
        <source>Name (Chinese)</source>
        <translation>名称(中文)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="77" />
        <location filename="../../desktop_app/ui/project/details_form.py" line="302" />
        <source>Name (English)</source>
        <translation>名称(英文)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="78" />
        <location filename="../../desktop_app/ui/project/details_form.py" line="303" />
        <source>Zone</source>
        <translation>片区</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="79" />
        <location filename="../../desktop_app/ui/project/details_form.py" line="304" />
        <source>Key domains</source>
        <translation>重点领域</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="80" />
        <location filename="../../desktop_app/ui/project/details_form.py" line="305" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="81" />
        <location filename="../../desktop_app/ui/project/details_form.py" line="306" />
        <source>Lead organisation</source>
        <translation>承担单位</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="86" />
        <source>Period</source>
        <translation>实施期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="87" />
        <location filename="../../desktop_app/ui/project/details_form.py" line="309" />
        <source>Summary</source>
        <translation>项目简介</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="88" />
        <location filename="../../desktop_app/ui/project/details_form.py" line="310" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="121" />
        <source>Details</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="125" />
        <source>(none)</source>
        <translation>(无)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="214" />
        <source>Not saved: {why}</source>
        <translation>未保存:{why}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="229" />
        <source>Not a valid date (use 2026-03-31).</source>
        <translation>日期无效(格式如 2026-03-31)。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="269" />
        <source>Project {no} saved.</source>
        <translation>项目 {no} 已保存。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="307" />
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/details_form.py" line="308" />
        <source>End</source>
        <translation>结束</translation>
    </message>
</context>
<context>
    <name>ProjectView</name>
    <message>
        <location filename="../../desktop_app/ui/project/view.py" line="35" />
        <source>Choose a project in the list on the left (or find it with Ctrl+F) to see and edit its details, milestones, performance and funding.</source>
        <translation>请在左侧列表中选择一个项目(或按 Ctrl+F 查找),即可查看和编辑其基本信息、里程碑、绩效和经费。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/view.py" line="83" />
        <source>This project has unsaved changes. Save them?</source>
        <translation>此项目有未保存的修改,是否保存?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/project/view.py" line="110" />
        <source>No project selected</source>
        <translation>未选择项目</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs.py" line="10" />
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/dialogs.py" line="14" />
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/dialogs.py" line="19" />
        <source>Information</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/dialogs.py" line="26" />
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/dialogs.py" line="43" />
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
</context>
<context>
    <name>RegisterModel</name>
    <message>
        <location filename="../../desktop_app/ui/funding/register_model.py" line="17" />
        <source>Paid on</source>
        <translation>拨付日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/register_model.py" line="18" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/register_model.py" line="19" />
        <source>For plan year</source>
        <translation>计划年度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/register_model.py" line="20" />
        <source>Amount (10k yuan)</source>
        <translation>金额(万元)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/register_model.py" line="21" />
        <source>Document no.</source>
        <translation>文号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/register_model.py" line="22" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../desktop_app/ui/report_dialog.py" line="58" />
        <source>Create</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/report_dialog.py" line="66" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/report_dialog.py" line="71" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/report_dialog.py" line="72" />
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/report_dialog.py" line="106" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/report_dialog.py" line="125" />
        <source>{path} already exists. Replace it?</source>
        <translation>{path} 已存在。要替换它吗?</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="43" />
        <source>daily (first start of the day)</source>
        <translation>每日(当天首次启动)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="44" />
        <source>made by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="45" />
        <source>before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="46" />
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="52" />
        <source>before an upgrade ({step})</source>
        <translation>升级前({step})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="69" />
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="70" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="71" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="72" />
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="83" />
        <source>damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="102" />
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="112" />
        <source>Reading the backups…</source>
        <translation>正在读取备份……</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="116" />
        <source>Restoring replaces the current data with the backup. The current data is saved as a backup first, so this can be undone.</source>
        <translation>恢复会用备份替换当前数据。当前数据会先另存为备份,因此可以撤销。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="122" />
        <source>Restore the selected backup</source>
        <translation>恢复所选备份</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="124" />
        <source>Other file…</source>
        <translation>其他文件……</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="160" />
        <source>{n} backups in {folder}</source>
        <translation>{folder} 中有 {n} 个备份</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="164" />
        <source>There are no backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="187" />
        <source>Restore from a file</source>
        <translation>从文件恢复</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="189" />
        <source>key-projects backups (*.sqlite);;All files (*)</source>
        <translation>项目库备份 (*.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="196" />
        <source>Replace the current data with the backup of {when}? The current data is saved as a backup first.</source>
        <translation>用 {when} 的备份替换当前数据吗?当前数据会先另存为备份。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="199" />
        <location filename="../../desktop_app/ui/restore_dialog.py" line="221" />
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="208" />
        <source>Restoring {when}…</source>
        <translation>正在恢复 {when} 的备份……</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="216" />
        <source>Restored from {source}.</source>
        <translation>已从 {source} 恢复。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="218" />
        <source>The previous data was saved as {path}.</source>
        <translation>原数据已另存为 {path}。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="236" />
        <source>Backing up…</source>
        <translation>正在备份……</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="243" />
        <source>Backup written to {path}</source>
        <translation>备份已写入 {path}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="250" />
        <source>Back up &amp;now</source>
        <translation>立即备份(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="253" />
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="275" />
        <source>Restore that backup now? The damaged file is kept beside it.</source>
        <translation>现在恢复该备份吗?已损坏的文件会保留在旁边。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="278" />
        <source>Damaged database</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/restore_dialog.py" line="288" />
        <source>Restored from {source}. The damaged file was kept as {aside}.</source>
        <translation>已从 {source} 恢复。已损坏的文件保留为 {aside}。</translation>
    </message>
</context>
<context>
    <name>ReturnStatusDialog</name>
    <message>
        <location filename="../../desktop_app/ui/returns_status.py" line="33" />
        <source>Quarterly return status</source>
        <translation>季度报送回收情况</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_status.py" line="42" />
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_status.py" line="47" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_status.py" line="48" />
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_status.py" line="49" />
        <source>Lead organisation</source>
        <translation>承担单位</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_status.py" line="50" />
        <source>Returned</source>
        <translation>报送时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_status.py" line="51" />
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_status.py" line="52" />
        <source>What changed</source>
        <translation>修改内容</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_status.py" line="53" />
        <source>Returns</source>
        <translation>报送次数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_status.py" line="90" />
        <source>Missing</source>
        <translation>未报送</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_status.py" line="92" />
        <source>{n} field(s): {list}</source>
        <translation>{n} 项:{list}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_status.py" line="94" />
        <source>No change</source>
        <translation>无修改</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_status.py" line="113" />
        <source>{done} of {total} units have returned.</source>
        <translation>{total} 个单位中已有 {done} 个报送。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_status.py" line="117" />
        <source>Missing: {list}</source>
        <translation>未报送:{list}</translation>
    </message>
</context>
<context>
    <name>ReturnsActions</name>
    <message>
        <location filename="../../desktop_app/ui/returns_actions.py" line="44" />
        <source>&amp;Quarterly returns</source>
        <translation>季度报送(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_actions.py" line="45" />
        <source>&amp;Make…</source>
        <translation>生成报送表(&amp;M)……</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_actions.py" line="46" />
        <source>&amp;Collect…</source>
        <translation>收取报送(&amp;C)……</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_actions.py" line="47" />
        <source>&amp;Status…</source>
        <translation>回收情况(&amp;S)……</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/returns_actions.py" line="53" />
        <source>Folder with the returned workbooks</source>
        <translation>存放交回报送表的文件夹</translation>
    </message>
</context>
<context>
    <name>ScheduleModel</name>
    <message>
        <location filename="../../desktop_app/ui/funding/schedule_model.py" line="39" />
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/schedule_model.py" line="40" />
        <source>Start-up</source>
        <translation>启动经费</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/schedule_model.py" line="41" />
        <source>Fixed support</source>
        <translation>固定扶持</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/schedule_model.py" line="42" />
        <source>Reward cap</source>
        <translation>奖励上限</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/schedule_model.py" line="43" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/schedule_model.py" line="44" />
        <source>Earned reward</source>
        <translation>应得奖励</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/schedule_model.py" line="45" />
        <source>Planned total</source>
        <translation>计划合计</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/schedule_model.py" line="46" />
        <source>Disbursed</source>
        <translation>已拨付</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/schedule_model.py" line="47" />
        <source>Warnings</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/schedule_model.py" line="63" />
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>ScoresModel</name>
    <message>
        <location filename="../../desktop_app/ui/performance/scores_model.py" line="50" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/scores_model.py" line="52" />
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/scores_model.py" line="54" />
        <source>{year} (projected)</source>
        <translation>{year}(预计)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/scores_model.py" line="86" />
        <source> — overridden (computed {grade})</source>
        <translation> — 已人工调整(计算等级 {grade})</translation>
    </message>
</context>
<context>
    <name>ScoresPage</name>
    <message>
        <location filename="../../desktop_app/ui/performance/scores_page.py" line="46" />
        <source>Grades:</source>
        <translation>等级:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/scores_page.py" line="52" />
        <source>* grade set by an officer · ≈ italic: projected from year-to-date, red below 60</source>
        <translation>* 等级经人工调整 · ≈ 斜体:按年初至今数据推算,红色表示低于 60 分</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/scores_page.py" line="65" />
        <source>Performance</source>
        <translation>绩效</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/scores_page.py" line="99" />
        <source>{year}: {n} projects evaluated — A {a} · B {b} · C {c} · D {d}</source>
        <translation>{year} 年:{n} 个项目完成评价 — 优 {a} · 良 {b} · 中 {c} · 差 {d}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/performance/scores_page.py" line="109" />
        <source>No year has been evaluated yet.</source>
        <translation>尚无年度评价。</translation>
    </message>
</context>
<context>
    <name>ShareChart</name>
    <message>
        <location filename="../../desktop_app/ui/funding/charts.py" line="107" />
        <source>Share of performance-based money, year by year</source>
        <translation>逐年绩效奖励资金占比</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/charts.py" line="124" />
        <source>Reward caps</source>
        <translation>奖励上限</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/charts.py" line="129" />
        <source>Rewards in money paid</source>
        <translation>实拨中奖励占比</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/funding/charts.py" line="141" />
        <source>reward</source>
        <translation>奖励</translation>
    </message>
</context>
<context>
    <name>TableHabits</name>
    <message>
        <location filename="../../desktop_app/ui/widgets/table_habits.py" line="135" />
        <source>The pasted block is not rectangular: every line needs as many cells.</source>
        <translation>粘贴的区域不是矩形:每行的单元格数必须相同。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/table_habits.py" line="156" />
        <source>Row {row}, column “{column}”</source>
        <translation>第 {row} 行“{column}”列</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/table_habits.py" line="167" />
        <source>not accepted here</source>
        <translation>此处不接受该值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/table_habits.py" line="183" />
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/table_habits.py" line="195" />
        <source>Export this table</source>
        <translation>导出本表</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/table_habits.py" line="197" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/table_habits.py" line="208" />
        <source>Could not write {path}: {why}</source>
        <translation>无法写入 {path}:{why}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/table_habits.py" line="217" />
        <source>Table exported to {path}</source>
        <translation>已导出本表到 {path}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/table_habits.py" line="224" />
        <source>Copy (with headers)</source>
        <translation>复制(含表头)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/table_habits.py" line="228" />
        <source>Export this table to .xlsx…</source>
        <translation>导出本表为 .xlsx…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/table_habits.py" line="232" />
        <source>Print preview of this table…</source>
        <translation>打印预览本表…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/table_habits.py" line="238" />
        <source>Open the project</source>
        <translation>打开该项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/table_habits.py" line="308" />
        <source>Nothing to show here yet.</source>
        <translation>这里暂时没有内容。</translation>
    </message>
</context>
<context>
    <name>TimelineLegend</name>
    <message>
        <location filename="../../desktop_app/ui/widgets/timeline_legend.py" line="13" />
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/timeline_legend.py" line="16" />
        <source>in progress (done part)</source>
        <translation>进行中(已完成部分)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/timeline_legend.py" line="18" />
        <source>still to do</source>
        <translation>尚未完成部分</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/timeline_legend.py" line="21" />
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/timeline_legend.py" line="23" />
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/timeline_legend.py" line="24" />
        <source>baseline (thin bar)</source>
        <translation>基准计划(细条)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/timeline_legend.py" line="25" />
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/timeline_legend.py" line="44" />
        <source>planned finish</source>
        <translation>计划完成</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../desktop_app/ui/widgets/timeline.py" line="381" />
        <source>Baseline end: {d}</source>
        <translation>基准完成日期:{d}</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <location filename="../../desktop_app/ui/performance/trend_chart.py" line="66" />
        <source>Total score by year</source>
        <translation>历年总分</translation>
    </message>
</context>
<context>
    <name>WarningsModel</name>
    <message>
        <location filename="../../desktop_app/ui/milestones/warnings_model.py" line="26" />
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/warnings_model.py" line="27" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/warnings_model.py" line="28" />
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/warnings_model.py" line="29" />
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/warnings_model.py" line="30" />
        <source>Figure</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/warnings_model.py" line="35" />
        <source>Red</source>
        <translation>红</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/milestones/warnings_model.py" line="36" />
        <source>Amber</source>
        <translation>黄</translation>
    </message>
</context>
<context>
    <name>ZoomBox</name>
    <message>
        <location filename="../../desktop_app/ui/widgets/timeline.py" line="62" />
        <source>Months</source>
        <extracomment>Pixels per day for each zoom level.</extracomment>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/timeline.py" line="63" />
        <source>Quarters</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/widgets/timeline.py" line="64" />
        <source>Years</source>
        <translation>年</translation>
    </message>
</context>
</TS>