; Simplified Chinese messages for the key-projects installer (Inno Setup 6).
; Inno Setup 6 ships no ChineseSimplified.isl, so this file is kept here and read after
; compiler:Default.isl (see key-projects.iss [Languages]): a message missing here shows in
; English rather than failing the build. UTF-8 with BOM, as Inno Setup 6 requires for
; non-ASCII text. Wording follows the community translation of Inno Setup's messages.

[LangOptions]
LanguageName=简体中文
LanguageID=$0804
LanguageCodePage=936

[Messages]
SetupAppTitle=安装
SetupWindowTitle=安装 - %1
UninstallAppTitle=卸载
UninstallAppFullTitle=%1 卸载
ConfirmTitle=确认
ExitSetupTitle=退出安装
ExitSetupMessage=安装尚未完成。如果现在退出,程序将不会被安装。%n%n您可以以后再运行安装程序完成安装。%n%n退出安装吗?
ButtonBack=< 上一步(&B)
ButtonNext=下一步(&N) >
ButtonInstall=安装(&I)
ButtonOK=确定
ButtonCancel=取消
ButtonYes=是(&Y)
ButtonNo=否(&N)
ButtonFinish=完成(&F)
ButtonBrowse=浏览(&R)...
ButtonWizardBrowse=浏览(&R)...
SelectLanguageTitle=选择安装语言
SelectLanguageLabel=选择安装时使用的语言。
WelcomeLabel1=欢迎使用 [name] 安装向导
WelcomeLabel2=现在将安装 [name/ver] 到您的电脑中。%n%n建议在继续安装前关闭所有其他应用程序。
WizardSelectDir=选择目标位置
SelectDirDesc=您想将 [name] 安装在哪里?
SelectDirLabel3=安装程序将把 [name] 安装到以下文件夹中。
SelectDirBrowseLabel=点击“下一步”继续。如果您想选择其他文件夹,请点击“浏览”。
WizardSelectTasks=选择附加任务
SelectTasksDesc=您想要安装程序执行哪些附加任务?
SelectTasksLabel2=选择您想要安装程序在安装 [name] 时执行的附加任务,然后点击“下一步”。
WizardReady=准备安装
ReadyLabel1=安装程序已准备好在您的电脑上安装 [name]。
ReadyLabel2a=点击“安装”继续此安装程序。如果您想查看或修改任何设置,请点击“上一步”。
ReadyLabel2b=点击“安装”继续此安装程序。
WizardInstalling=正在安装
InstallingLabel=安装程序正在安装 [name] 到您的电脑中,请稍候。
FinishedHeadingLabel=[name] 安装完成
FinishedLabelNoIcons=安装程序已在您的电脑中安装了 [name]。
FinishedLabel=安装程序已在您的电脑中安装了 [name]。此应用程序可以通过选择安装的快捷方式运行。
ClickFinish=点击“完成”退出安装程序。
StatusExtractFiles=正在解压缩文件...
StatusCreateIcons=正在创建快捷方式...
StatusRollback=正在撤销更改...
ConfirmUninstall=您确定要完全删除 %1 及其所有组件吗?
UninstalledAll=%1 已顺利从您的电脑中删除。(您的数据仍保留在用户数据文件夹中。)

[CustomMessages]
CreateDesktopIcon=创建桌面快捷方式(&D)
AdditionalIcons=附加快捷方式:
LaunchProgram=运行 %1
SelfTestStatus=正在检查安装...
SelfTestFailed=安装的程序未通过自检(退出码 %1),在本机上可能无法正常使用。详情见:%n%2
SelfTestNotRun=无法启动安装的程序进行自检(%1),可能被杀毒软件拦截。
