"""Everything the assistant says, in Simplified Chinese and English, by message key.

One table, so a translator edits words in one place and a test can check both languages
have every key. ``say(key, lang, **values)`` formats a message; unknown languages fall back
to Chinese, the service's first language.
"""

from __future__ import annotations

LANGS = ("zh", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # --- welcome, help, commands -------------------------------------------------------------
    "welcome": {
        "zh": "您好，我是区食品安全助手。我可以帮您：\n"
              "· 投诉：您买到或吃到的食品有问题，本人权益受损\n"
              "· 举报：反映食品安全违法线索，可以完全匿名\n"
              "· 查进度：用回执码查询案件办理情况\n"
              "· 问问题：食品安全常识和投诉举报办事指南\n"
              "直接用一句话告诉我发生了什么，或点下面的按钮。",
        "en": "Hello, I am the district's food-safety assistant. I can help you:\n"
              "· File a complaint: food you bought or ate harmed you\n"
              "· Anonymous tip: tell us about a food-safety violation, without your name if "
              "you wish\n"
              "· Check a case with your receipt\n"
              "· Answer food-safety questions and explain the service\n"
              "Tell me in one message what happened, or tap a button below.",
    },
    "help": {
        "zh": "随时可用的命令：\n/start 回到开始\n/cancel "
              "放弃当前操作\n/lang 切换语言（中文/English）\n"
              "/help 显示本帮助\n不知道怎么办时，发送 /cancel 就能重新开始。",
        "en": "Commands you can use at any time:\n/start back to the beginning\n"
              "/cancel drop what you are doing\n/lang switch language (中文/English)\n"
              "/help show this help\nIf you are lost, /cancel always starts afresh.",
    },
    "cancelled": {
        "zh": "已取消，刚才填写的内容已删除。还需要什么帮助？",
        "en": "Cancelled; what you had entered is deleted. How else can I help?",
    },
    "nothing_to_cancel": {
        "zh": "当前没有进行中的操作。需要什么帮助？",
        "en": "There is nothing to cancel. How can I help?",
    },
    "draft_dropped_complaint": {
        "zh": "（刚才没有提交的投诉已放弃，填写的内容已删除。）",
        "en": "(The complaint you had not submitted is dropped and what you entered deleted.)",
    },
    "draft_dropped_tip": {
        "zh": "（刚才没有提交的举报已放弃，填写的内容已删除。）",
        "en": "(The tip you had not submitted is dropped and what you entered deleted.)",
    },
    "lang_set": {"zh": "已切换为中文。", "en": "Switched to English."},
    "lang_followed": {
        "zh": "我用中文回复您。（Reply in English: /lang en）",
        "en": "I will reply in English. (用中文回复：/lang zh)",
    },
    "timed_out": {
        "zh": "上次的对话已经过了很久，为保护您的信息，未提交的内容已删除。我们重新开始。",
        "en": "Our last conversation was a while ago; to protect you, the unsent draft was "
              "deleted. Let us start again.",
    },
    "stale_button": {
        "zh": "这个按钮属于之前的步骤，已经失效。",
        "en": "That button belongs to an earlier step and no longer works.",
    },
    "too_long": {
        "zh": "消息太长了（最多 {limit} 字），请精简后再发。",
        "en": "That message is too long (at most {limit} characters); please shorten it.",
    },
    "unsupported": {
        "zh": "我只能读文字和照片。",
        "en": "I can only read text and photos.",
    },
    "photo_needs_context": {
        "zh": "这张照片还没有保存。请先告诉我发生了什么；开始投诉或举报后，再发送照片就会附上。",
        "en": "That photo has not been kept. Please first tell me what happened; once a "
              "complaint or tip is under way, photos you send are attached to it.",
    },
    "error": {
        "zh": "抱歉，系统暂时出了问题，您的内容没有提交。请稍后再试。",
        "en": "Sorry, something went wrong on our side and nothing was submitted. "
              "Please try again later.",
    },
    "slow_down": {
        "zh": "消息发得太快了，请稍等片刻再发。",
        "en": "You are sending messages too fast; please wait a moment.",
    },
    # --- menu buttons ------------------------------------------------------------------------
    "btn_complaint": {"zh": "我要投诉", "en": "File a complaint"},
    "btn_tip": {"zh": "匿名举报", "en": "Anonymous tip"},
    "btn_status": {"zh": "查进度", "en": "Check a case"},
    "btn_question": {"zh": "问问题", "en": "Ask a question"},
    "btn_cancel": {"zh": "取消", "en": "Cancel"},
    "btn_skip": {"zh": "跳过", "en": "Skip"},
    "btn_done": {"zh": "完成", "en": "Done"},
    "btn_yes": {"zh": "是", "en": "Yes"},
    "ask_away": {
        "zh": "请直接输入您的问题，例如：隔夜菜还能吃吗？",
        "en": "Type your question, for example: is it safe to eat leftovers?",
    },
    "which_flow": {
        "zh": "我可能没理解准确。您是想：",
        "en": "I am not sure I understood. Would you like to:",
    },
    "also_report": {
        "zh": "如果这是您遇到的问题，想让监管部门处理，也可以直接投诉或举报：",
        "en": "If this happened to you and you want the authorities to act, you can also "
              "file a complaint or send a tip:",
    },
    "other": {
        "zh": "我是食品安全助手，可以帮您投诉、匿名举报、查进度或解答食品安全问题。",
        "en": "I am the food-safety assistant: I can take a complaint or an anonymous tip, "
              "check a case, or answer food-safety questions.",
    },
    "other_thanks": {
        "zh": "不客气！以后遇到食品安全问题，随时可以找我投诉、举报、查进度或提问。",
        "en": "You are welcome! Whenever food safety worries you, I can take a complaint or "
              "a tip, check a case, or answer a question.",
    },
    "other_venting": {
        "zh": "理解您的不满。如果遇到了具体的问题，告诉我是哪家、什么时候、发生了什么，"
              "我会登记下来交给监管部门处理；已经投诉过的，可以用回执码查进度。",
        "en": "I understand you are frustrated. If something specific happened, tell me where, "
              "when and what, and I will file it for the authorities; if you already filed, "
              "your receipt code shows its progress.",
    },
    # --- complaint and tip -----------------------------------------------------------------
    "kind_now_complaint": {
        "zh": "听起来是您本人买到或吃到的食品出了问题，我按投诉为您登记（投诉要留联系方式，"
              "便于调解；想匿名的话，最后可以改为匿名举报）。",
        "en": "It sounds like food you bought or ate harmed you, so I am filing it as a "
              "complaint (a complaint needs a contact, for mediation; to stay anonymous, you "
              "can switch to a tip at the end).",
    },
    "kind_now_tip": {
        "zh": "听起来您是在反映别人的违法行为，我按匿名举报为您登记，您说的经过已记下。",
        "en": "It sounds like you are telling us of someone else's violation, so I am filing it "
              "as an anonymous tip; what you told me is noted.",
    },
    "kind_switched_tip": {
        "zh": "好的，改为匿名举报，已填的内容都还在。",
        "en": "All right, it is an anonymous tip now; what you have told me is kept.",
    },
    "kind_now_tip_plain": {
        "zh": "好的，改为匿名举报。",
        "en": "All right, an anonymous tip then.",
    },
    "kind_switched_complaint": {
        "zh": "好的，改为投诉（投诉要留联系方式，便于调解），已填的内容都还在。",
        "en": "All right, it is a complaint now (a complaint needs a contact, for mediation); "
              "what you have told me is kept.",
    },
    "complaint_start": {
        "zh": "好的，我们来登记投诉（投诉是指您本人买到或吃到的"
              "食品出了问题）。随时发送 /cancel 可放弃。",
        "en": "Let us file a complaint (food you bought or ate harmed you). Send /cancel at "
              "any time to stop.",
    },
    "complaint_prefilled": {
        "zh": "听起来您要投诉，我已记下您说的经过：\n“{what}”",
        "en": "That sounds like a complaint; I have noted what happened:\n\"{what}\"",
    },
    "tip_notice_telegram": {
        "zh": "匿名举报须知：\n"
              "1. 不要写您的姓名，也不要写只有您才知道的"
              "细节（例如只有您值班的时间），以免被认出。\n"
              "2. 通过 Telegram 举报时，Telegram 平台本"
              "身能看到这段对话；我们不保存您的 Telegram 账号。\n"
              "3. 网页表单 {web} 是更私密的渠道。\n"
              "我们不会询问您的身份。要继续在这里举报吗？",
        "en": "Before you send an anonymous tip:\n"
              "1. Do not write your name or details only you would know (such as shifts only "
              "you work), so you cannot be recognised.\n"
              "2. On Telegram, the platform itself can see this chat; we never store your "
              "Telegram account.\n"
              "3. The web form at {web} is the more private channel.\n"
              "We will never ask who you are. Continue here?",
    },
    "tip_notice_web": {
        "zh": "匿名举报须知：\n"
              "1. 不要写您的姓名，也不要写只有您才知道的"
              "细节（例如只有您值班的时间），以免被认出。\n"
              "2. 本页不设置 Cookie，我们不记录您的 IP 地址；关闭页面后对话即结束。\n"
              "3. 也可以用匿名举报表单一次填完：{web}\n"
              "我们不会询问您的身份。要继续在这里举报吗？",
        "en": "Before you send an anonymous tip:\n"
              "1. Do not write your name or details only you would know (such as shifts only "
              "you work), so you cannot be recognised.\n"
              "2. This page sets no cookie and we do not record your IP address; the "
              "conversation ends when you close the page.\n"
              "3. You can also fill in the anonymous tip form in one go: {web}\n"
              "We will never ask who you are. Continue here?",
    },
    "tip_notice_console": {
        "zh": "匿名举报须知：\n"
              "1. 不要写您的姓名，也不要写只有您才知道的"
              "细节（例如只有您值班的时间），以免被认出。\n"
              "2. 这是在这台电脑的终端里对话：我们不知道也不记录是谁在用它，但能看到这块屏幕或"
              "终端记录的人能看到您写的内容，用完请关闭终端。\n"
              "3. 也可以用匿名举报网页表单：{web}\n"
              "我们不会询问您的身份。要继续在这里举报吗？",
        "en": "Before you send an anonymous tip:\n"
              "1. Do not write your name or details only you would know (such as shifts only "
              "you work), so you cannot be recognised.\n"
              "2. This is a terminal on this computer: we do not know or record who uses it, "
              "but anyone who can see this screen or the terminal's history can read what you "
              "write; close the terminal when you are done.\n"
              "3. There is also the anonymous tip form on the web: {web}\n"
              "We will never ask who you are. Continue here?",
    },
    "tip_notice_other": {
        "zh": "匿名举报须知：\n"
              "1. 不要写您的姓名，也不要写只有您才知道的"
              "细节（例如只有您值班的时间），以免被认出。\n"
              "2. 我们不保存您的账号或身份。\n"
              "3. 也可以用匿名举报网页表单：{web}\n"
              "我们不会询问您的身份。要继续在这里举报吗？",
        "en": "Before you send an anonymous tip:\n"
              "1. Do not write your name or details only you would know (such as shifts only "
              "you work), so you cannot be recognised.\n"
              "2. We never store your account or who you are.\n"
              "3. There is also the anonymous tip form on the web: {web}\n"
              "We will never ask who you are. Continue here?",
    },
    "btn_tip_continue": {"zh": "继续举报", "en": "Continue"},
    "tip_notice_again": {
        "zh": "要继续在这里举报吗？",
        "en": "Continue with the tip here?",
    },
    # --- questions and corrections in the middle of a report --------------------------------
    "status_aside": {
        "zh": "查进度要用提交时给您的回执码。以前提交的投诉或举报：点“查进度”，发送那次的回执码"
              "（这份还没提交的登记会放弃）。正在填的这一份：提交后我会告诉您负责的部门和办理时限，"
              "并给您它的回执码。",
        "en": "A case is checked with the receipt code you were given when you filed it. An "
              "earlier complaint or tip: tap \"Check a case\" and send its receipt code (this "
              "unsent draft is then dropped). This one: once it is submitted, I will tell you "
              "the bureau and the time limit, and give you its receipt code.",
    },
    "question_not_here": {
        "zh": "这个问题我在这里答不上来。提交以后，我会告诉您由哪个部门办理、法定期限到哪天，并给您"
              "回执码；凭回执码随时可以查进度、看工作人员的回复。",
        "en": "I cannot answer that here. Once this is submitted, I will tell you which bureau "
              "handles it and the legal time limit, and give you a receipt code; with it you "
              "can check the progress and read the staff's replies at any time.",
    },
    "question_not_here_tip": {
        "zh": "这个问题我这里没有现成的回答。关于您的身份，可以确定的是：法律要求监管部门为举报人"
              "保密，不得告诉被举报的商家（《食品安全法》第一百一十五条）；这份举报不保存{account}，"
              "也不保存任何能把您的几次举报联系在一起的标识；提交以后凭回执码查进度。",
        "en": "I have no ready answer to that here. What is certain about who you are: the law "
              "requires the authority to keep a tipster's identity confidential and never tell "
              "the business (Food Safety Law, art. 115); this tip does not keep {account}, nor "
              "anything that links your tips together; once it is submitted, you follow it with "
              "its receipt code.",
    },
    "resume_complaint": {
        "zh": "接着登记您的投诉，已填的内容都还在：",
        "en": "Back to your complaint; nothing you entered is lost:",
    },
    "resume_tip": {
        "zh": "接着登记您的举报，已填的内容都还在：",
        "en": "Back to your tip; nothing you entered is lost:",
    },
    "back_step": {
        "zh": "好的，回到上一个问题。",
        "en": "All right, back to the previous question.",
    },
    "back_to_summary": {
        "zh": "好的，这一项不改。",
        "en": "All right, that item stays as it was.",
    },
    "corrected": {
        "zh": "好的，上一项已改为：{value}",
        "en": "Done; the previous answer is now: {value}",
    },
    "field_corrected": {
        "zh": "好的，已改为：{value}",
        "en": "Done; it is now: {value}",
    },
    "added_to_account": {
        "zh": "已把这段补充到经过里。",
        "en": "Added to what happened.",
    },
    "caption": {"zh": "（照片说明：{text}）", "en": "(Photo caption: {text})"},
    "caption_kept": {
        "zh": "照片的说明已记入经过。",
        "en": "The photo's caption is kept with what happened.",
    },
    "what_amended": {"zh": "\n（更正：{rest}）", "en": "\n(Correction: {rest})"},

    "ask_what_complaint": {
        "zh": "请描述发生了什么：买了或吃了什么、出了什么问题、有没有人身体不适。",
        "en": "What happened? What did you buy or eat, what was wrong, did anyone fall ill?",
    },
    "ask_what_tip": {
        "zh": "请描述您要举报的问题：哪里、在做什么违法的事。请不要写您的姓名。",
        "en": "What is your tip about: where, and what is being done wrong? Do not write "
              "your name.",
    },
    "what_unclear": {
        "zh": "这段我没看明白。请用一两句话说说发生了什么：在哪里、什么食品、出了什么问题。",
        "en": "Sorry, I could not make that out. Please tell me in a sentence or two what "
              "happened: where, which food, and what was wrong.",
    },
    "what_too_short": {
        "zh": "请再多写几句，让工作人员能看懂发生了什么（至少 {min} 个字）。",
        "en": "Please write a little more so staff can understand what happened (at least "
              "{min} characters).",
    },
    "ask_business": {
        "zh": "是哪家商家？在哪里？（例如：幸福路 12 号 老王面馆；网店请写店铺名和平台）",
        "en": "Which business, and where? (e.g. Wang's Noodles, 12 Xingfu Road; for an "
              "online shop, the shop and the platform)",
    },
    "ask_business_which": {
        "zh": "您说的“{business}”叫什么名字？在哪里？请写店名或招牌，或者路名门牌、附近的标志"
              "（例如：幸福路 12 号 老王面馆；网店请写店铺名和平台），工作人员才能找到它。",
        "en": "What is \"{business}\" called, and where is it? Please write its name or sign, "
              "or the street and number or a landmark nearby (e.g. Wang's Noodles, 12 Xingfu "
              "Road; for an online shop, the shop and the platform), so staff can find it.",
    },
    "ask_business_branch": {
        "zh": "“{business}”有很多家店，是哪一家？请写路名门牌、所在的商场，或者附近的标志"
              "（例如：人民路 88 号；万达广场一楼），工作人员才能找到它。",
        "en": "\"{business}\" has many shops: which one? Please write the street and number, "
              "the mall it is in, or a landmark nearby (e.g. 88 Renmin Road; ground floor of "
              "Wanda Plaza), so staff can find it.",
    },
    "ask_business_where": {
        "zh": "不知道名字也没关系。它在哪里？路名门牌、所在的商场或小区、附近的标志都可以"
              "（例如：幸福路 12 号旁边；人民商场三楼）。实在不知道，回复“不知道”或点“不清楚”。",
        "en": "That is all right. Where is it? A street and number, the mall or block it is "
              "in, or a landmark nearby (e.g. next to 12 Xingfu Road; third floor of People's "
              "Mall). If you do not know that either, say so or tap \"I don't know\".",
    },
    "btn_use_business": {"zh": "就是“{business}”", "en": "It is \"{business}\""},
    "btn_only_know_business": {"zh": "只知道是“{business}”", "en": "Only \"{business}\""},
    "btn_unknown_business": {"zh": "不清楚", "en": "I don't know"},
    "business_unclear": {
        "zh": "请写出商家名称或地点，不清楚可以点“不清楚”。",
        "en": "Please name the business or the place, or tap \"I don't know\".",
    },
    "ask_when": {
        "zh": "是什么时候发生的？（例如：今天、昨天、3月5日）",
        "en": "When did it happen? (e.g. today, yesterday, 2026-03-05)",
    },
    "when_unclear": {
        "zh": "没看出是什么时候。请写日期或大概的时间，例如：昨天晚上、上周三、前几天、3月5日；"
              "记不清了也没关系，点“记不清了”。",
        "en": "I could not tell when that was. Please write a date or roughly when, e.g. "
              "yesterday evening, last Wednesday, a few days ago, 5 March; if you do not "
              "remember, tap \"Not sure\".",
    },
    "btn_today": {"zh": "今天", "en": "Today"},
    "btn_yesterday": {"zh": "昨天", "en": "Yesterday"},
    "btn_when_told": {"zh": "就是{day}", "en": "It was {day}"},
    "btn_contact_told": {"zh": "就用刚才写的 {contact}", "en": "Use {contact}, as written"},
    "btn_not_sure": {"zh": "记不清了", "en": "Not sure"},
    "when_in_future": {
        "zh": "这个日期还没到，请再确认一下。",
        "en": "That date is in the future; please check it.",
    },
    "ask_photos": {
        "zh": "有照片吗？（食品、小票、包装标签都可以）直接发送照片，"
              "最多 {max} 张；发完点“完成”，没有就点“跳过”。"
              "我们会去除照片里的位置等隐藏信息。",
        "en": "Any photos? (the food, the receipt, the label) Send up to {max}; tap \"Done\" "
              "when finished or \"Skip\" if you have none. We strip hidden data such as "
              "location from photos.",
    },
    "ask_photos_tip": {
        "zh": "有照片吗？最多 {max} 张；没有就点“跳过”。工作人员看到的照片已去除拍摄位置等隐藏信息"
              "（原件加密保存，仅供取证），但画面本身（例如只有您能拍到的角度）也可能暴露您。",
        "en": "Any photos? Up to {max}; tap \"Skip\" if none. Staff see a copy without location "
              "and other hidden data (the original is kept encrypted, for evidence only), but "
              "the picture itself (an angle only you could take) can still give you away.",
    },
    "photo_received": {
        "zh": "已收到第 {count} 张照片。继续发送，或点“完成”。",
        "en": "Photo {count} received. Send more or tap \"Done\".",
    },
    "photo_rejected": {
        "zh": "这张照片无法使用：{reason}",
        "en": "That file cannot be used: {reason}",
    },
    "photo_only_images": {
        "zh": "这里只收照片（JPEG、PNG、WebP、GIF）。PDF 等文件请通过网页上的投诉或举报表单提交。",
        "en": "Only photos (JPEG, PNG, WebP, GIF) can be sent here. Please send a PDF or other "
              "document through the complaint or tip form on the website.",
    },
    "photo_kept": {
        "zh": "已收到第 {count} 张照片，提交时会一起附上。",
        "en": "Photo {count} received; it will be attached when you submit.",
    },
    "photo_limit": {
        "zh": "最多只能附 {max} 张照片。",
        "en": "At most {max} photos can be attached.",
    },
    "photos_expected": {
        "zh": "请发送照片，或点“完成”/“跳过”。",
        "en": "Please send a photo, or tap \"Done\" / \"Skip\".",
    },
    "ask_contact": {
        "zh": "请留下手机号或邮箱（姓名可选）。为什么需要：投诉要由执法部门在您和商家之间依法调解，"
              "必须能联系到您。联系方式加密保存，只有经过审批的工作人员才能查看，不会告诉商家。\n"
              "不想留联系方式？可以改为匿名举报。",
        "en": "Please leave a phone number or e-mail (a name is optional). Why: a complaint is "
              "mediated by the authority between you and the business, so they must be able "
              "to reach you. It is stored encrypted, only approved staff can see it, and the "
              "business is never told.\nRather stay anonymous? Switch to a tip.",
    },
    "ask_contact_reward": {
        "zh": "请留下手机号或邮箱，用于发放举报奖励。联系方"
              "式加密保存，只有经过审批的工作人员才能查看。",
        "en": "Please leave a phone number or e-mail for the reward. It is stored encrypted and "
              "only approved staff can see it.",
    },
    "contact_invalid": {
        "zh": "没有找到有效的手机号或邮箱，请重新输入（例如 13812345678 或 name@example.com）。",
        "en": "I could not find a valid phone number or e-mail; please try again (e.g. "
              "13812345678 or name@example.com).",
    },
    "btn_switch_to_tip": {"zh": "改为匿名举报", "en": "Switch to an anonymous tip"},
    "ask_reward": {
        "zh": "举报查实后可能有奖励，领取奖励需要留下联系方式。您想：",
        "en": "A tip that proves true may earn a reward, which needs contact details. Would "
              "you like to:",
    },
    "reward_expected": {
        "zh": "请点“保持匿名”或“留联系方式领奖励”。",
        "en": "Please tap \"Stay anonymous\" or \"Leave contact for a reward\".",
    },
    "stay_anonymous_ok": {
        "zh": "好的，不留联系方式，您的举报保持匿名。",
        "en": "All right: no contact, your tip stays anonymous.",
    },
    "contact_declined": {
        "zh": "投诉要由执法部门在您和商家之间调解，所以必须能联系到您。不想留联系方式，"
              "可以改为匿名举报：同样会依法核查，只是没有调解，进度凭回执码查询。",
        "en": "A complaint is mediated between you and the business, so the authority must be "
              "able to reach you. Rather not leave a contact? Switch to an anonymous tip: it "
              "is checked just the same, without mediation; you follow it with the receipt.",
    },
    "btn_stay_anonymous": {"zh": "保持匿名", "en": "Stay anonymous"},
    "btn_want_reward": {"zh": "留联系方式领奖励", "en": "Leave contact for a reward"},
    "summary_complaint": {"zh": "请核对您的投诉：", "en": "Please check your complaint:"},
    "summary_tip": {"zh": "请核对您的举报：", "en": "Please check your tip:"},
    "summary_what": {"zh": "· 经过：{value}", "en": "· What happened: {value}"},
    "summary_business": {"zh": "· 商家/地点：{value}", "en": "· Business / place: {value}"},
    "summary_when": {"zh": "· 时间：{value}", "en": "· When: {value}"},
    "summary_photos": {"zh": "· 照片：{value} 张", "en": "· Photos: {value}"},
    "summary_contact": {"zh": "· 联系方式：{value}", "en": "· Contact: {value}"},
    "summary_anonymous": {"zh": "· 身份：匿名", "en": "· Identity: anonymous"},
    "summary_unknown": {"zh": "未提供", "en": "not given"},
    # Before a tip is submitted: what is kept and what is not (plan clause 三十: informants
    # protected, retaliation punished, malicious false reports prosecuted).
    "tip_kept": {
        "zh": "提交前请了解：\n"
              "· 保存：上面的内容和照片（去除拍摄位置等隐藏信息的副本，以及加密保存的原件）"
              "{contact}。\n"
              "· 不保存：{account}，也没有任何能把您的几次举报联系在一起的标识；"
              "这段对话里的草稿提交后即删除。\n"
              "· 举报人受法律保护，打击报复举报人将被严肃查处；故意捏造事实的恶意举报要依法担责。",
        "en": "Before you submit:\n"
              "· Kept: what is above and the photos (a copy without location and other hidden "
              "data, and the original, encrypted){contact}.\n"
              "· Not kept: {account}, nor anything that links your tips to one another; this "
              "chat's draft is deleted on submission.\n"
              "· Informants are protected by law and retaliation is punished; a tip that "
              "knowingly makes up facts to do harm is answerable by law.",
    },
    "tip_kept_contact": {
        "zh": "，以及您为领奖留下的联系方式（加密保存，查看须经专人批准）",
        "en": ", and the contact you left for the reward (encrypted; seeing it needs approval)",
    },
    "tip_account_telegram": {"zh": "您的 Telegram 账号", "en": "your Telegram account"},
    "tip_account_web": {"zh": "您的 IP 地址", "en": "your IP address"},
    "tip_account_other": {"zh": "您的账号或身份", "en": "your account or who you are"},
    "summary_prompt": {
        "zh": "内容无误请点“确认提交”，需要修改请点对应按钮。",
        "en": "Tap \"Submit\" if it is right, or the item to correct.",
    },
    "btn_submit": {"zh": "确认提交", "en": "Submit"},
    "confirm_again_complaint": {
        "zh": "您的投诉还没有提交，已填的内容都还在。内容无误请点“确认提交”；"
              "要修改，请点“再看一遍”。",
        "en": "Your complaint is not submitted yet; nothing you entered is lost. Tap \"Submit\" "
              "if it is right, or \"See it again\" to correct something.",
    },
    "confirm_again_tip": {
        "zh": "您的举报还没有提交，已填的内容都还在。内容无误请点“确认提交”；"
              "要修改，请点“再看一遍”。",
        "en": "Your tip is not submitted yet; nothing you entered is lost. Tap \"Submit\" if it "
              "is right, or \"See it again\" to correct something.",
    },
    "btn_review": {"zh": "再看一遍", "en": "See it again"},
    "btn_edit_what": {"zh": "改经过", "en": "Edit what happened"},
    "btn_edit_business": {"zh": "改商家/地点", "en": "Edit business / place"},
    "btn_edit_when": {"zh": "改时间", "en": "Edit when"},
    "btn_edit_photos": {"zh": "改照片", "en": "Edit photos"},
    "btn_edit_contact": {"zh": "改联系方式", "en": "Edit contact"},
    "confirm_expected": {
        "zh": "请点“确认提交”，或选择要修改的内容。",
        "en": "Please tap \"Submit\" or choose what to correct.",
    },
    "submitted": {
        "zh": "已提交 ✅\n回执码：{receipt}\n这个回执码只"
              "显示这一次，请抄下或截图保存，凭它查询进度和补充材料。\n"
              "案件编号：{case_number}",
        "en": "Submitted ✅\nReceipt: {receipt}\nThis receipt is shown only once; write it down "
              "or take a screenshot. You need it to check progress or add information.\n"
              "Case number: {case_number}",
    },
    "routed": {
        "zh": "承办部门：{bureau}{co}\n分派依据：{why}",
        "en": "Handled by: {bureau}{co}\nWhy: {why}",
    },
    "routed_co": {"zh": "（协办：{names}）", "en": " (with {names})"},
    "routed_review": {
        "zh": "内容需要人工判断，已交区食安办复核分派",
        "en": "it needs a person to decide, so the District Food Safety Office will assign it",
    },
    "routed_confirm": {
        "zh": "（分派还需工作人员确认，可能会调整）",
        "en": " (a staff member will confirm this and may change it)",
    },
    "routed_evidence": {
        "zh": "“{matched}”→ 方案条款{clause}",
        "en": "\"{matched}\" → plan clause {clause}",
    },
    "deadline": {
        "zh": "法定期限：{rule}，即 {date} 前。（依据：{basis}）",
        "en": "Legal deadline: {rule}, i.e. by {date}. (Basis: {basis})",
    },
    "tip_keep_secret": {
        "zh": "请务必保密：不要把回执码告诉任何人，也不要保存在别人能看到的地方。"
              "如担心被发现，可以删除这段对话（先抄下回执码）。",
        "en": "Keep it secret: never share the receipt or keep it where others can see it. "
              "If you worry about being found out, delete this chat (after noting the receipt).",
    },
    "complaint_followup": {
        "zh": "部门处理时我会在这里通知您。",
        "en": "I will notify you here when the bureau acts on it.",
    },
    "submit_failed": {
        "zh": "提交没有成功：{reason}",
        "en": "The submission did not go through: {reason}",
    },
    # --- status ----------------------------------------------------------------------------
    "ask_receipt": {
        "zh": "请输入回执码（例如 7KQ2M-9XDAB-C3EFG-HJK4N，大小写和空格都可以）。",
        "en": "Please type your receipt (e.g. 7KQ2M-9XDAB-C3EFG-HJK4N; case and spaces do not "
              "matter).",
    },
    "receipt_mistyped": {
        "zh": "这个回执码不对：回执码里没有 {never} 这些字符，请对照原来的回执码再发一次"
              "（0 和 O、1 和 I 最容易看混）。",
        "en": "That receipt is not right: a receipt never holds {never}; please check it "
              "against the original and send it again (0 and O, 1 and I are easily mixed up).",
    },
    "receipt_invalid": {
        "zh": "这不像回执码：回执码是 20 位字母和数字，分成 4 组。",
        "en": "That does not look like a receipt: it is 20 letters and digits in 4 groups.",
    },
    "receipt_not_found": {
        "zh": "没有找到对应的案件，请核对回执码后重试。",
        "en": "No case matches that receipt; please check it and try again.",
    },
    "receipt_throttled": {
        "zh": "查询失败次数过多，为防止他人猜测回执码，请明天再试。",
        "en": "Too many failed lookups; to stop receipt guessing, please try again tomorrow.",
    },
    "case_view": {
        "zh": "案件 {case_number}\n状态：{status}\n承办部门：{bureau}\n办理期限：{due}",
        "en": "Case {case_number}\nStatus: {status}\nHandled by: {bureau}\nDue: {due}",
    },
    "case_no_deadline": {"zh": "暂无（没有正在计算的期限）", "en": "none running"},
    "case_replies": {"zh": "工作人员回复：", "en": "Replies from staff:"},
    "case_no_replies": {"zh": "暂无工作人员回复。", "en": "No reply from staff yet."},
    "case_reply_later": {
        "zh": "要回复工作人员或补充材料：先把正在填的这份登记提交或取消，再点“查进度”发送这个"
              "回执码。",
        "en": "To reply to the staff or add information to it: first submit or cancel the "
              "draft you are filling in, then tap \"Check a case\" and send this receipt.",
    },
    "receipt_not_kept": {
        "zh": "这条消息里有回执码，所以没有记进这份登记（回执码只给您自己用，不要写进案件）。"
              "如果其中还有要登记的内容，请去掉回执码再发一次。",
        "en": "That message held a receipt, so it was not added to this draft (a receipt is "
              "yours alone; keep it out of a case). If it also said something for this draft, "
              "please send that part again without the receipt.",
    },
    "btn_reply": {"zh": "回复/补充材料", "en": "Reply / add information"},
    "ask_reply": {
        "zh": "请输入要补充的内容（可附照片）。不要在消息里写回执码。",
        "en": "Type what you want to add (photos welcome). Do not put your receipt in it.",
    },
    "reply_sent": {
        "zh": "已添加到案件记录，工作人员会看到。还要补充吗？",
        "en": "Added to the case; the staff will see it. Anything more to add?",
    },
    "btn_reply_more": {"zh": "继续补充", "en": "Add more"},
    "reply_rejected": {"zh": "没有添加：{reason}", "en": "Not added: {reason}"},
    "status_options": {
        "zh": "要回复工作人员或补充材料吗？",
        "en": "Would you like to reply to the staff or add information?",
    },
    "status_done": {"zh": "好的。还需要什么帮助？", "en": "All right. How else can I help?"},
    # --- questions -------------------------------------------------------------------------
    "was_it_helpful": {"zh": "有帮助吗？", "en": "Was this helpful?"},
    "btn_helpful": {"zh": "👍 有帮助", "en": "👍 Helpful"},
    "btn_not_helpful": {"zh": "👎 没帮助", "en": "👎 Not helpful"},
    "thanks_feedback": {
        "zh": "谢谢您的反馈！",
        "en": "Thank you for the feedback!",
    },
    "sorry_feedback": {
        "zh": "谢谢反馈，我们会改进这条回答。也可以换个说法再问，或拨打 12315。",
        "en": "Thanks; we will improve this answer. Try asking another way, or call 12315.",
    },
    "source": {"zh": "来源：{source}", "en": "Source: {source}"},
    "answer_in_chinese": {
        "zh": "（以下回答为中文。）",
        "en": "(This answer is only in Chinese so far.)",
    },
    "not_sure": {
        "zh": "我不太确定您问的是哪一个，您是想问：",
        "en": "I am not sure which you mean. Did you want to ask:",
    },
    "out_of_scope": {
        "zh": "这个问题不在我的服务范围内。我可以帮您投诉、匿名举报、查进度或解答食品安全问题。",
        "en": "That is outside what I do. I can take a complaint or an anonymous tip, check a "
              "case, or answer food-safety questions.",
    },
    # --- notifier --------------------------------------------------------------------------
    "notify_status": {
        "zh": "您的案件 {case_number} 有新进展：{status}"
              "。发送 /start 并选择“查进度”，输入回执码查看详情。",
        "en": "Your case {case_number} has news: {status}. Send /start, choose \"Check a "
              "case\" and type your receipt to see it.",
    },
    "notify_reply": {
        "zh": "工作人员回复了您的案件 {case_number}。发送 /start 并选择“查进度”，输入回执码查看。",
        "en": "Staff replied on your case {case_number}. Send /start, choose \"Check a case\" "
              "and type your receipt to read it.",
    },
}


def normalise_lang(lang: str | None) -> str:
    """``en`` for any English tag (en, en-GB), otherwise ``zh``."""
    return "en" if (lang or "").lower().startswith("en") else "zh"


def say(key: str, lang: str, **values: object) -> str:
    """The message ``key`` in ``lang``, with ``values`` filled in."""
    texts = MESSAGES[key]
    text = texts.get(normalise_lang(lang)) or texts["zh"]
    return text.format(**values) if values else text
