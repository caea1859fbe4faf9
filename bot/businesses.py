"""Reading which business an account or an answer speaks of, and where it is.

People write "在老王面馆吃出苍蝇", "楼下那家店", "幸福路的面馆", "星巴克", "the noodle shop on
5th street"; these functions tell a name or a kind at a place staff can find from a business
only pointed at, a bare kind or a chain's name without a place, so the business question can
ask for what is missing instead of filing a pointer as a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.characters import as_typed, has_chinese, meaningful, simplified
from bot.contacts import SURNAMES
from bot.when import EN_MONTHS, EN_WEEKDAYS, FORGOTTEN
from knowledge.text import normalize, tokenizer

_BUSINESS_SUFFIX = (
    "饭店|餐厅|餐馆|酒店|酒楼|大酒店|超市|便利店|面馆|火锅店|烧烤店|烤肉店|奶茶店|小卖部|食堂|面包店|蛋糕店|"
    "快餐店|小吃店|饭馆|馆子|排档|大排档|早餐店|菜市场|农贸市场|市场|商场|药店|店|馆|摊|铺|作坊|"
    "烘焙坊|档口|酒家|饭庄|食府|茶楼|冰室|冰厅"
)
# After 在/去/从/到: a business ("老王面馆"), a kind ("超市"), or a place, 的 and one of those
# ("幸福路的面馆", "楼下的店").
_BUSINESS_IN_TEXT = re.compile(
    rf"(?:在|去|从|到|喺)((?:[^\s,，。.!！?？在去从到的]{{1,12}}?的)?"
    rf"[^\s,，。.!！?？在去从到的]{{0,14}}?(?:{_BUSINESS_SUFFIX}))"
)
# A business said beside a landmark that is itself a kind ("去菜市场旁边那个福满楼酒家"): the
# lazy run above stops at the landmark.
_BESIDE_A_KIND = re.compile(
    rf"(?:在|去|从|到|喺)[^\s,，。.!！?？在去从到的]{{0,12}}?(?:{_BUSINESS_SUFFIX})"
    r"(?:旁边|对面|隔壁|附近|门口|边上|楼上|楼下)(?:的|那个|那家|这家|那间)?"
    rf"([^\s,，。.!！?？在去从到的]{{2,14}}?(?:{_BUSINESS_SUFFIX}))"
)
# Only a kind pointed at beside a landmark that is itself a kind ("在超市旁边那家面馆"): the
# landmark is no business of the account; the shop is the kind beside it, said whole as where
# it is ("超市旁边那家面馆", asked which, as "学校门口那家面馆" is).
_KIND_BESIDE_A_KIND = re.compile(
    rf"(?:在|去|从|到|喺)([^\s,，。.!！?？在去从到的]{{0,12}}?(?:{_BUSINESS_SUFFIX})"
    r"(?:旁边|对面|隔壁|附近|门口|边上|楼上|楼下)(?:那个|那家|这家|那间|这间|一家)"
    rf"(?:{_BUSINESS_SUFFIX}))"
)
# What points at a business without naming it ("那家面馆", "一家饭店"), and places said from
# where the writer stands ("楼下的店", "小区门口的超市"): they tell staff nothing of which one.
# (间 alone is Cantonese "a": "食咗间茶餐厅".)
_POINTER = (r"(?:那|这|某|有|该|好|一)(?:一|几十|几|好)?(?:家|个|间|排|些|种)|"
            r"(?:几十|好几|几|多)(?:家|个)|(?:好多|很多)(?:家|个)?|那|这|某|该|个|间")
_NEARBY = (
    r"楼下|楼上|隔壁|附近|对面|旁边|门口|门外|路边|街边|马路边|路口|街口|拐角|周边|边上|"
    r"我家|我们家|家里|家|小区|学校|单位|公司|厂里|村里|镇上|网上|我们|这边|那边|这里|那里|"
    r"里面|里|边|城里|街上|(?:这|那)条(?:街|路|巷)|村口|村|厂|老家|江边|河边|路口|街道|镇|"
    r"后门|前门|侧门|楼|[东西南北](?:头|边|面|侧)|[一二三四五六七八九十\d]+楼"
)
_LEADING_POINTER = re.compile(rf"^(?:{_POINTER})+")
# A business named without 在/去/从/到 before it ("老王面馆的凉皮吃出头发", "买了永辉超市的牛奶"):
# a name ending in a kind, not run on into a word the kind begins ("店员", "摊位", "市场监管").
# What may come before it in the same run of characters (who, when, a verb of buying or
# eating) is cut off by _HEAD.
# 和 joins clauses ("他和我"), but is also part of a street's name ("和平路", "和兴街").
_AND_IN_A_STREET = r"和(?=[^\s,，。.!！?？的]{0,2}(?:路|街|巷|里|村|镇|区|广场|小区|大厦))"
_NAME_CHAR = r"[^\s,，。.!！?？、；;：:“”\"'（）()在去从到喺的了是和跟给把被]"
# A character of a name or of the street before it: 和 too inside a street's name ("建设和平路").
_STREET_CHAR = rf"(?:{_NAME_CHAR}|{_AND_IN_A_STREET})"
_NAMED_BUSINESS = re.compile(
    r"(?:^|(?<=[\s,，。.!！?？、；;：:~～了是]))"
    rf"((?:{_STREET_CHAR}{{1,12}}?的)?{_STREET_CHAR}{{0,14}}?"
    rf"(?:{_BUSINESS_SUFFIX}))"
    r"(?![员主长面位子铺监管理家内部路街村镇区市县])"
)
# A shop is often named by its owner and what it sells, with no 店 or 馆 after it: "老王烧烤",
# "张记麻辣烫", "阿芳小吃". What it sells is one of these dishes; before it, a name shaped as
# a shop owner's (老王, 小李, 阿芳, 张记, 王大妈), a word jieba has seen only a few times
# ("红运") or capitals ("XX火锅"); never a word of the language ("聚会", "兰州", "夜市":
# "兰州拉面" says what it sells), a place, a pointer or a clause ("在楼下吃烧烤", "在家吃火锅":
# an activity, no shop). Read only before what follows a shop's name: eating or buying
# there, 的, or the end of the clause.
_SHOP_DISHES = (
    "烧烤|烤串|串串香|串串|火锅|小吃|麻辣烫|冒菜|麻辣香锅|烤肉|烤鱼|炸鸡|快餐|拉面|米线|米粉|"
    "螺蛳粉|酸菜鱼|烤鸭|饺子|馄饨|包子|凉皮|肉夹馍|煎饼|卤味|鸭脖|奶茶|甜品|烘焙|烧腊|黄焖鸡|"
    "砂锅|盖浇饭|自助餐|牛肉面|热干面|小龙虾|大排档"
)
_OWNER_CHAR = _NAME_CHAR[:-1] + "叫]"  # "那个摊子好像叫阿芳小吃": the name follows 叫
_DISH_NAMED = re.compile(
    r"(?:(?<=[在去从到喺叫\s,，。.!！?？、；;：:~～了是])|^)"
    rf"((?:{_STREET_CHAR}{{1,12}}?的)?((?:{_OWNER_CHAR}|{_AND_IN_A_STREET}){{2,14}}?)"
    rf"(?:{_SHOP_DISHES}))"
    r"(?=[吃买喝点订叫的里,，。.!！?？\s]|$)"
)
_A_SHOP_DISH = re.compile(_SHOP_DISHES)  # most accounts name none: one search, then done
# Of those, the kinds of eatery that are no dish: after 在/去/到 a coined name before one is a
# shop's even when it is made of everyday words ("在好再来快餐吃的"); before a dish it is not
# ("自热火锅", "直接手抓包子", "湖里捞小龙虾": `botx5`).
_EATERY_KIND = re.compile(r"(?:快餐|小吃|自助餐|大排档)$")
_COINED_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_NOT_IN_A_COINED_NAME = re.compile(
    r"[吃喝买卖点叫说听看找问想要去过着把被给跟都也还就很太不没吗呢吧啊]")
_OWNER_SHAPED = re.compile(
    rf"(?:老|小|阿)(?:{SURNAMES}|[\u4e00-\u9fff])|[\u4e00-\u9fff]{{1,3}}记|"
    rf"(?:{SURNAMES})[\u4e00-\u9fff]{{1,2}}")
_COMMON_WORD = 500  # a name shaped as an owner's, yet a word this common, is a word ("高兴")
_RARE_WORD = 10  # a word jieba has seen this seldom may be a shop's made-up name ("红运")
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z0-9&'-]+")  # "XX火锅", "ABC烘焙"
_HEAD = re.compile(
    # (Cantonese "我係…", read as 我系: "I am", as 是 is after the run)
    r"^(?:(?:我|我哋|佢|佢哋|他|她)系|我家|我们家|我们|我|俺们|俺|咱们|咱|他们|她们|他|她|孩子|小孩|女儿|儿子|家里人|家人|老公|老婆|我妈|我爸|"
    r"爸妈|朋友|同事|"
    r"大前天|前天|昨天|今天|昨晚|今晚|今早|刚才|刚刚|刚|早上|上午|中午|下午|傍晚|晚上|半夜|前几天|最近|"
    r"那天|当天|节前|节后|年前|年后|周末|上个?(?:周|星期|礼拜)[一二三四五六日天]?|(?:周|星期|礼拜)[一二三四五六日天]|"
    r"又|也|还|都|就|一起|(?:买|吃|喝|点|订|叫|逛)(?:完|过)?|路过|经过|常去|开|"
    r"(?:名字|店名|招牌)(?:是|叫)?)+"  # "名字叫华联超市": what it is called is no part of it
)
# A run that holds one of these is a clause, not a name ("店家说让我找商场", "想匿名反映学校食堂").
_NOT_IN_A_NAME = re.compile(
    rf"(?!{_AND_IN_A_STREET})和|"
    r"[说听让找看问想要去来过着把被给跟都也还就才又很太不没吗呢吧啊收摆跑卖买吃喝往得比回传]|反映|投诉|举报|"
    r"知道|什么|发现")
_POINTER_INSIDE = re.compile(rf"(?:{_POINTER})(?!.*(?:{_POINTER}))")
MAX_NAME_BEFORE_KIND = 6
# Words that say only how big, new or what sort it is: "一家小饭馆", "新开的面馆", "网红店",
# "医院食堂"; and what it sells (a food of knowledge/lexicon: "米粉店", "网红蛋糕店").
_SMALL_WORDS = (
    r"小|大|新开的|新开|开的|那种|网红|自助|生鲜|连锁|老年|社区|医院|员工|职工|工地|夜宵|早点|早餐|街边|"
    r"外卖|进口|私人|个体|无证|黑心|网|专卖|大型|流动|婚宴|学生|小学|中学|大学|幼儿园|批发|文具|婴儿|"
    r"[一二三四五六七八九十\d]+|黑|家庭|地下|儿童|农资|母婴|辅食|水产|活禽|干货|副食|烟酒|炸串|煎饼|砂锅|卤肉|甜品|海鲜|熟食|"
    r"风味|特色|农家|家常|清真|[\u4e00-\u9fff]式"  # 韩式, 港式: a style is a sort
)
_UNNAMED = re.compile(rf"^(?:{_POINTER}|{_NEARBY}|{_SMALL_WORDS}|的)*$")
_SMALL_TAIL = re.compile(rf"(?:{_SMALL_WORDS})$")
_TRAILING_POINTER = re.compile(rf"(?:{_POINTER})+$")
_PLACE_FILLER = re.compile(r"(?:有|就在|在|上)$")
_NEARBY_TAIL = re.compile(rf"(?:{_NEARBY})+$")
KIND_AT_END = re.compile(rf"(?:{_BUSINESS_SUFFIX})$")
_CN_KINDS = tuple(_BUSINESS_SUFFIX.split("|"))
# What a shop sells ends in one of these ("炒货", "螺蛳粉", "烟酒", "粮油"): a word of jieba's
# dictionary (or one character of these alone: "粥铺") that ends in one is a thing sold,
# whether or not the food lexicon lists it. 花 and 水 also end everyday words that name shops
# (桃花, 山水): they count only in words of three or more ("爆米花", "矿泉水"); 子 and 心 end
# too many (孩子, 房子, 中心) to count at all, and so does 味: most words ending in it are a
# taste or a quality (美味, 风味, 口味, 香味: "美味面馆" is a name), and the foods among them
# (卤味) are the lexicon's. Oils nobody eats end in 油 as food oils do (粮油, 香油): they are
# no goods of a food shop ("石油饭店" is a name).
_GOODS_HEAD = frozenset(
    "粉面饭粥茶酒汤烫货肉菜饼糕包奶果豆糖油米粮蛋鸭鹅鸡鱼虾蟹螺食品饮料酱醋盐烟馍饺串卤腊肠"
    "丸糊羹冻汁堡排粽卷酥瓜蔬禽餐药鲜干")
_LONG_GOODS_HEAD = frozenset("花水")
_NOT_EATEN = frozenset((
    "石油", "原油", "汽油", "柴油", "煤油", "燃油", "机油", "航油", "重油", "渣油", "焦油", "柏油",
    "甘油", "硅油", "精油", "鞋油", "灯油", "桐油", "蜡油"))
# An English account names the business after "at"/"from": "at Golden Dragon Restaurant", "from
# the Lucky Mart on 5th street", "at the FamilyMart". Either a run of capitalised words (a name)
# or a word or two before a kind of business ("at the noodle shop"; "the supermarket" alone
# names none).
_EN_BUSINESS_KIND = (
    r"restaurant|diner|cafe|café|canteen|cafeteria|bakery|bistro|buffet|eatery|kitchen|grill|"
    r"bar|pub|hotel|takeaway|takeout|shop|store|mart|market|supermarket|minimart|stall|stand|"
    r"deli|grocery|grocer|butcher|pharmacy|truck"
)
_EN_NAME_WORD = r"[A-Z][\w'&.-]*"
_EN_BUSINESS_IN_TEXT = re.compile(
    rf"\b(?:at|from)\s+(?:the\s+|a\s+|an\s+)?"
    # a name, with the kind said after it in lower case ("Uncle Lim's stall", "Joe's diner")
    rf"({_EN_NAME_WORD}(?:\s+(?:{_EN_NAME_WORD}|&|of|de))*(?:\s+(?:{_EN_BUSINESS_KIND})\b)?"
    rf"|(?:(?!(?:the|a|an|my|our)\s)[a-z][\w'-]*\s+){{1,2}}(?:{_EN_BUSINESS_KIND}))\b"
)
# Anywhere in the account: a run of capitalised words ending in a kind ("Lucky Mart sold me
# expired milk"), or "the" and a word or two before a kind ("the noodle shop on 5th street").
_EN_ARTICLE = r"(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Mm]y|[Oo]ur|[Tt]heir|[Hh]is|[Hh]er|I|We|They)"
_EN_KIND_ANYWHERE = re.compile(
    rf"\b((?:(?!{_EN_ARTICLE}\s){_EN_NAME_WORD}\s+){{1,4}}(?i:{_EN_BUSINESS_KIND})"
    rf"|(?:(?<=\b[Tt]he\s)|(?<=\b[Aa]\s)|(?<=\b[Aa]n\s))"
    rf"(?:[a-z][\w'-]*\s+){{0,2}}(?:{_EN_BUSINESS_KIND}))\b"
)
# Capitalised words that say what sort of food a place sells, not which place it is: "an Asian
# supermarket", "the Chinese takeaway", "a Halal butcher" name none.
EN_SORT_WORDS = frozenset((
    "asian", "chinese", "japanese", "korean", "thai", "vietnamese", "indian", "pakistani",
    "malaysian", "indonesian", "filipino", "singaporean", "taiwanese", "cantonese", "sichuan",
    "szechuan", "hunan", "turkish", "lebanese", "persian", "arabic", "greek", "italian", "french",
    "spanish", "portuguese", "german", "polish", "russian", "mexican", "american", "british",
    "english", "irish", "african", "caribbean", "european", "western", "eastern", "middle",
    "halal", "kosher", "vegan", "vegetarian", "local", "international", "ethnic"))
_EN_KIND_TAIL = re.compile(rf"\s+(?i:{_EN_BUSINESS_KIND})$")


def _en_sort_only(name: str) -> bool:
    """Whether a capitalised business's name is only words of sort and a kind ("Asian
    supermarket", "Chinese Takeaway"): "Golden Dragon Restaurant" is a name."""
    words = _EN_KIND_TAIL.sub("", name).split()
    return bool(words) and name != " ".join(words) and all(
        w.lower() in EN_SORT_WORDS for w in words)


# Capitalised words after "at"/"from" that name no business: days, months, a person.
_EN_NOT_A_BUSINESS = frozenset(
    ("i", *EN_WEEKDAYS, *EN_MONTHS, "christmas", "easter", "new", "last", "this"))
_PLACE_HINT = re.compile(
    r"路|街|巷|号|区|镇|村|大道|广场|小区|大厦|楼|市场|商场|附近|门口|对面|旁边"
)
# An English place after a business: "the noodle shop on 5th street", "KFC near the train
# station", "Lucky Mart, 12 Xingfu Road". The words that open it, and what makes it a place
# staff can find (a number, a capitalised name, a kind of street or landmark); "near my
# house", "downstairs", "on the corner" are said from where the writer stands.
_EN_PLACE_OPENER = (r"on|in|at|near|by|next to|opposite|across from|across the street from|"
                    r"behind|beside|outside|inside|off|around the corner from|close to")
_EN_LANDMARK = (r"street|st|road|rd|avenue|ave|lane|ln|boulevard|blvd|drive|square|plaza|"
                r"mall|station|stop|park|market|centre|center|tower|building|hospital|"
                r"school|university|college|campus|stadium|airport|bridge|gate|exit|terminal")
_EN_PLACE_BODY = (
    rf"(?:(on|in|at)\s+|((?:{_EN_PLACE_OPENER})\s+))?"
    rf"((?:the\s+)?(?:[\w'.-]+\s+){{0,4}}?(?:\d+\w*|[A-Z][\w'.-]*)?(?:\s+[\w'.-]+){{0,4}}?"
    rf"\s*\b(?i:{_EN_LANDMARK})\b\.?)"
)
# "the mall", "the station", "the market": a landmark with nothing saying which is no place
# staff can find ("the train station", "Central Mall", "5th street" are).
_EN_LANDMARK_ALONE = re.compile(rf"(?:the\s+)?(?i:{_EN_LANDMARK})\.?", re.IGNORECASE)
_EN_PLACE = re.compile(rf"(?:,\s*|\s+(?=(?:on|in|at|{_EN_PLACE_OPENER})\s)){_EN_PLACE_BODY}")
_EN_PLACE_ALONE = re.compile(rf"{_EN_PLACE_BODY}\W*")
# In an answer to "which business, and where?": the place after a comma or its opener
# ("Golden Dragon Restaurant, 12 Xingfu Road", "the noodle shop on 5th street").
_EN_PLACE_SPLIT = re.compile(
    rf"(?:,\s*|\s+(?=(?:on|in|at|{_EN_PLACE_OPENER})\s)){_EN_PLACE_BODY}\W*$")
_EN_OWN_PLACE = re.compile(
    r"\b(?:my|our|his|her|their|home|house|flat|apartment|work|office|downstairs|upstairs|"
    r"next door|here|there)\b", re.IGNORECASE)

# A business found in an account becomes a button's label (bot.engine.MAX_LABEL is 40).
MAX_NAMED_BUSINESS = 30
MAX_NAMED_PLACE = 40  # an English business with its place ("KFC near the train station")


@dataclass(frozen=True)
class BusinessReference:
    """A business an account speaks of: ``said`` as the person put it (a button's label),
    ``business`` and ``place`` as the case keeps them, and whether it ``identifies`` one: a
    name ("老王面馆", "Golden Dragon"), or a kind at a place staff can find ("幸福路的面馆"),
    not only a kind and a pointer ("那家面馆", "楼下的店", "the noodle shop"). A ``chain``
    ("星巴克", "KFC") is named, but identifies none of its shops without a place."""

    said: str
    business: str
    place: str | None
    identifies: bool
    chain: bool = False


def business_reference(text: str) -> BusinessReference | None:
    """The business a free account speaks of: the first one it names or locates, else the
    first it only points at; None when it speaks of none. Read in simplified characters,
    given back as typed ("在老王麵館吃出蒼蠅": 老王麵館)."""
    simple = simplified(text)
    found = _business_reference(simple)
    if found is None or simple == text:
        return found
    return BusinessReference(
        as_typed(text, simple, found.said), as_typed(text, simple, found.business),
        as_typed(text, simple, found.place) if found.place else found.place,
        found.identifies, found.chain)


def _business_reference(text: str) -> BusinessReference | None:
    found: list[tuple[int, BusinessReference]] = []
    for match in _KIND_BESIDE_A_KIND.finditer(text):  # first: the landmark at the same place
        found.append((match.start(1), _chinese_reference(match.group(1))))
    for match in _BUSINESS_IN_TEXT.finditer(text):
        if len(match.group(1)) > 1:  # a lone "店" ("现在店里…") speaks of none
            said = _cut_clause(match.group(1), strict=False)
            found.append((match.end(1) - len(said), _chinese_reference(said)))
    for match in _BESIDE_A_KIND.finditer(text):  # "去菜市场旁边那个福满楼酒家"
        found.append((match.start(1), _chinese_reference(match.group(1))))
    for match in _NAMED_BUSINESS.finditer(text):  # "老王面馆的凉皮…", with no 在 before it
        named = _named_without_preposition(match.group(1))
        if named is not None:
            found.append((match.end(1) - len(named), _chinese_reference(named)))
    for match in _DISH_NAMED.finditer(text) if _A_SHOP_DISH.search(text) else ():
        dish_named = _named_by_dish(match)  # "在老王烧烤吃烤串", "叫阿芳小吃"
        if dish_named is not None:
            found.append((match.end(1) - len(dish_named.said), dish_named))
    for match in _chains().finditer(text):
        found.append((match.start(), _chain_reference(text, match)))
    for pattern in (_EN_BUSINESS_IN_TEXT, _EN_KIND_ANYWHERE):
        for match in pattern.finditer(text):
            name = re.sub(r"\s+(?:&|of|de)$", "", match.group(1))
            if name.split()[0].lower() in _EN_NOT_A_BUSINESS:
                continue
            ref = _english_reference(name, text[match.end(1):])
            if ref.identifies or " " in name or not name.islower():  # "the supermarket"
                found.append((match.start(1), ref))  # alone names none, at a place it does
    found.sort(key=lambda item: item[0])
    refs = [ref for _, ref in found if len(ref.said) > 1]  # "推荐的店": a lone 店 is none
    return next((ref for ref in refs if ref.identifies), refs[0] if refs else None)


@cache
def _kinds_sold() -> frozenset[str]:
    """Foods and kinds of food place ("米粉", "蛋糕", "川菜馆"), from the lexicon the tokenizer
    reads: a shop named by what it sells names none."""
    words: set[str] = set()
    for name in ("foods.dict.txt", "food_places.dict.txt"):
        path = Path(__file__).resolve().parent.parent / "knowledge" / "lexicon" / name
        words.update(line.split()[0] for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip())
    return frozenset(words)


def _sold(word: str) -> bool:
    """Whether a word is a thing sold: a food or food place of the lexicon, or a word of
    jieba's dictionary ending in a head of goods ("炒货", "粮油", "干果"; one head alone too)."""
    if word in _kinds_sold():
        return True
    if word in _NOT_EATEN or (word[-1] not in _GOODS_HEAD and (
            word[-1] not in _LONG_GOODS_HEAD or len(word) < 3)):
        return False
    return len(word) == 1 or tokenizer().FREQ.get(word, 0) > 0


def _without_kind_sold(name: str) -> str:
    """``name`` without the longest thing sold it ends in."""
    return next((name[:start] for start in range(len(name)) if _sold(name[start:])), name)


def _without_kinds(name: str) -> set[str]:
    """``name`` without each kind of business it ends in: "烟酒店" is 烟酒 (店) as well as 烟
    (酒店), and only the first says what it is."""
    return {name[:-len(kind)] for kind in _CN_KINDS if name.endswith(kind)}


@cache
def only_a_kind(name: str, depth: int = 0) -> bool:
    """Whether a business's name is only a kind, pointed at or sold by ("那家面馆", "米粉店",
    "网红蛋糕店", "楼下小超市"), not a name staff can look for ("老王面馆", "鲜丰水果店")."""
    if _UNNAMED.match(name):
        return True
    if depth >= 5:  # "网红蛋糕店": 店, 蛋糕, 网红
        return False
    shorter = {_without_kind_sold(name), *_without_kinds(name), *(tail.sub("", name) for tail in (
        _SMALL_TAIL, _SELLER, _TRAILING_POINTER, _NEARBY_TAIL))}
    # "菜市场东头那个卖熟食的摊": 摊, 卖熟食的, 那个, 东头, 菜市场
    return any(only_a_kind(rest, depth + 1) for rest in shorter - {name})


def _cut_clause(said: str, *, strict: bool) -> str:
    """What comes before the last pointer in a run ("每天上班都路过那个早餐店", "现在很担心…这个
    包子铺") is cut off when it is a clause; ``strict``: unless it is a place ("万达广场三楼")."""
    pointer = _POINTER_INSIDE.search(said)
    if pointer is None or pointer.start() == 0:
        return said
    before = said[:pointer.start()]
    clause = bool(_NOT_IN_A_NAME.search(before))
    if clause or (strict and not _PLACE_HINT.search(before)):
        return said[pointer.start():]
    return said


def _named_without_preposition(run: str) -> str | None:
    """The business a run of characters ending in a kind names, with no 在/去/从/到 before
    it: who, when and a verb cut off its head ("我昨天老王面馆" is 老王面馆), from a pointer in
    it on ("每天路过那个早餐店" is 那个早餐店); None for a clause rather than a name."""
    head = _HEAD.match(run)
    said = run[head.end() if head else 0:]
    said = _cut_clause(said, strict=True)
    name = KIND_AT_END.sub("", _POINTER_INSIDE.split(said.rpartition("的")[2])[-1])
    if len(said) < 2 or len(name) == 1 or len(name) > MAX_NAME_BEFORE_KIND \
            or _NOT_IN_A_NAME.search(said):
        return None  # "比店里的", "回酒店": one character before a kind is no name either
    return said


def _named_by_dish(match: re.Match[str]) -> BusinessReference | None:
    """A shop named by its owner and a dish ("老王烧烤", "幸福路的张记麻辣烫"), or None when
    what comes before the dish is no owner's name ("在楼下吃烧烤", "聚会火锅", "兰州拉面")."""
    run, owner = match.group(1), match.group(2)
    head = _HEAD.match(owner)  # "我昨天老王烧烤…": who and when are no part of the name
    cut = head.end() if head else 0
    owner, start = owner[cut:], match.start(2) - match.start(1) + cut
    said = run[start:] if "的" not in run[:start] else run
    # "一家重庆火锅": 重庆 is no owner; "解放路那个张姐快餐": 张姐 is (解放路 its place)
    owner = _POINTER_INSIDE.split(_LEADING_POINTER.sub("", owner))[-1]
    frequency = tokenizer().FREQ.get(owner) or 0
    if _coined_eatery(match, owner, frequency):
        found = _chinese_reference(said)
        return found if found.identifies else None
    if len(owner) < 2 or _NOT_IN_A_NAME.search(owner) or _PLACE_HINT.search(owner) \
            or _UNNAMED.match(owner) or only_a_kind(owner) or _is_chain(said) or not (
                (_OWNER_SHAPED.fullmatch(owner) and frequency < _COMMON_WORD)
                or 0 < frequency < _RARE_WORD or _LATIN_NAME.fullmatch(owner)):
        return None  # "一袋速冻饺子", "直接用手抓凉皮": no word of a name before the dish
    found = _chinese_reference(said)
    return found if found.identifies else None


def _coined_eatery(match: re.Match[str], owner: str, frequency: int) -> bool:
    """"在好再来快餐吃的盒饭": right after 在/去/到, a coined name of two to four characters
    that is no word jieba knows, before a kind of eatery (快餐, 小吃…), saying nothing of
    eating, buying or anyone's doing, nor a place, a pointer or a sort."""
    at = match.start(1)
    return at > 0 and match.string[at - 1] in "在去从到喺" and frequency == 0 \
        and bool(_EATERY_KIND.search(match.group(1))) and bool(_COINED_NAME.fullmatch(owner)) \
        and not (_NOT_IN_A_COINED_NAME.search(owner) or _PLACE_HINT.search(owner)
                 or _UNNAMED.match(owner) or _POINTER_INSIDE.search(owner)
                 or only_a_kind(owner))


def _place_unnamed(place: str) -> bool:
    """Whether a place is only said from where the writer stands ("楼下", "小区门口"), or is
    only a kind with a side of it ("菜市场东头", "商场二楼"): staff cannot find it."""
    if _UNNAMED.match(place):
        return True
    side = _NEARBY_TAIL.sub("", place)
    return side != place and bool(side) and only_a_kind(side)


def _chinese_reference(said: str) -> BusinessReference:
    place, _, business = said.rpartition("的")
    pointer = _POINTER_INSIDE.search(place or said)
    if pointer is not None and pointer.start() > 0:
        # "万达广场三楼那家川菜馆", "我们楼下那个老张包子铺", "小区后门那个无证的早点摊": where,
        # then the business (and what is said of it), when what comes first is a place
        before = _PLACE_FILLER.sub("", (place or said)[:pointer.start()])
        if names_a_place(before) or _UNNAMED.match(before):
            place, business = before, said[pointer.start():]
    if place and not (names_a_place(place) or _UNNAMED.match(place)):
        place, said = "", business  # "吃的面馆": what comes before 的 is no place
    named = not only_a_kind(business)
    if not place or _place_unnamed(place):  # "老王面馆", "那家面馆", "楼下的店", "菜市场东头"
        if named:  # "那家老王面馆", "我们楼下那个老张包子铺": 老王面馆, 老张包子铺
            said = _LEADING_POINTER.sub("", business)
        if named and _is_chain(said):  # "沃尔玛超市": which one?
            return BusinessReference(said, said, None, False, chain=True)
        return BusinessReference(said, said, None, named)
    # "幸福路的面馆": a kind at a place staff can find; "幸福路的老王面馆" a name as well.
    said, place = _LEADING_POINTER.sub("", said), _LEADING_POINTER.sub("", place)
    return BusinessReference(said, _LEADING_POINTER.sub("", business) or business, place, True)


def _english_reference(name: str, after: str) -> BusinessReference:
    """A business named in English, and the place said after it, if staff can find it:
    "Lucky Mart on 5th street", "the noodle shop near the train station". Capitalised words
    are a name; lower-case ones before a kind ("noodle shop", "corner store") only say what
    kind it was, and so does a chain's name without a place."""
    name = name[:MAX_NAMED_BUSINESS]
    found = english_place(after)
    if found is not None:
        place, length = found
        said = name + ("," if after.startswith(",") else "") + " " + after[:length].strip(" ,.")
        return BusinessReference(said if len(said) <= MAX_NAMED_PLACE else name, name, place,
                                 True)
    chain = _is_chain(name)
    return BusinessReference(name, name, None,
                             name[0].isupper() and not chain and not _en_sort_only(name),
                             chain=chain)


def english_place(after: str) -> tuple[str, int] | None:
    """The place said right after a business in English, and how long what said it is
    ("near the train station": the place keeps "near", "on 5th street" is "5th street");
    None for none, or one said from where the writer stands ("near my house", "downstairs")."""
    found = _EN_PLACE.match(after)
    if found is None or _EN_OWN_PLACE.search(found.group(3)) \
            or _EN_LANDMARK_ALONE.fullmatch(found.group(3).strip()):
        return None
    return _place_of(found), found.end()


def _place_of(found: re.Match[str]) -> str:
    place = found.group(3).strip().rstrip(".")
    return f"{found.group(2).strip()} {place}" if found.group(2) else place


@cache
def _chain_names() -> tuple[str, ...]:
    path = Path(__file__).resolve().parent.parent / "knowledge" / "lexicon" / "chains.txt"
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(sorted((line for line in lines if line and not line.startswith("#")),
                        key=len, reverse=True))


@cache
def _chains() -> re.Pattern[str]:
    """The chains' names, a Latin one as a whole word ("KFC", not "KFCs" nor "subway")."""
    names = (re.escape(name) if not name.isascii()
             else rf"(?<![A-Za-z0-9_-]){re.escape(name)}(?![A-Za-z0-9_-])"
             for name in _chain_names())
    return re.compile("|".join(names))


def _is_chain(said: str) -> bool:
    """Whether a business named is a chain's name, alone or with a kind ("沃尔玛超市")."""
    # every kind it may end in is tried: "兰州拉面馆" is 兰州拉面 (馆), not 兰州拉 (面馆)
    bare = {said[:-len(kind)] for kind in _CN_KINDS if said.endswith(kind)} | {said}
    return any(_chains().fullmatch(name) for name in bare if name)


def _chain_reference(text: str, match: re.Match[str]) -> BusinessReference:
    """A chain named in an account ("星巴克咖啡里有异物", "楼下711卖过期面包", "KFC near the
    train station"), with the place said before it ("人民路的星巴克", "万达广场星巴克") or,
    in English, after it."""
    name = match.group(0)
    if name.isascii() and re.search(r"[A-Za-z]", name):
        return _english_reference(name, text[match.end():])
    before = re.search(rf"((?:{_STREET_CHAR}|的)" r"{1,12})$", text[:match.start()])
    if before:
        place = before.group(1)
        head = _HEAD.match(place)
        place = _TRAILING_POINTER.sub("", place[head.end() if head else 0:].removesuffix("的"))
        if place and _PLACE_HINT.search(place) and not _UNNAMED.match(place):
            said = f"{place}的{name}"[:MAX_NAMED_BUSINESS]
            return BusinessReference(said, name, place, True)
    return BusinessReference(name, name, None, False, chain=True)


# What an answer to "which business?" holds besides what it says of the business: fillers
# ("就是", "嗯", "just"), and words about not knowing its name ("叫啥", "名字", "what it's called").
_NAME_ASKED = re.compile(
    r"叫(?:个)?(?:啥子?|什么)(?:名字?)?|什么名字?|名字|店名|招牌|牌子|"
    r"\b(?:the name|its name|what it'?s called|what it is called|called|name)\b",
    re.IGNORECASE,
)
_ANSWER_FILLER = re.compile(
    r"[\s,，。.!！?？~～、:：;；]+|就是|就在|只知道是|只知道|反正|好像|大概|嗯+|呃+|啊|呀|吧|了|也|"
    r"\b(?:just|only|i|it|it'?s|is|was|um+|uh+|er|well|sorry|really|the|of|what)\b",
    re.IGNORECASE,
)
# A kind said by what it sells: "卖早点的", "卖烧烤的".
_SELLER = re.compile(r"(?:卖|做)[^\s，,的]{1,6}的$")
_EN_POINTING = frozenset((
    "that", "this", "the", "a", "an", "some", "one", "those", "these", "there", "here",
    "place", "my", "our", "near", "nearby", "next", "to", "door", "downstairs", "upstairs",
    "across", "from", "by", "opposite", "around", "corner", "home", "house", "building",
    "office", "work", "school", "little", "small", "local", "new", "food", "in", "on", "at",
    "street", "road", "block", "area", "neighbourhood", "neighborhood"))
EN_KIND_WORD = re.compile(rf"\b(?:{_EN_BUSINESS_KIND}|place)\b", re.IGNORECASE)
_EN_KINDS = frozenset(_EN_BUSINESS_KIND.replace("|", " ").split()) | {"shop", "place", "joint"}



def business_answer(text: str) -> str | None:
    """What an answer to "which business, and where?" tells when it names none: "unknown" for
    a plain "不知道" (as the "I don't know" button), "no name" for "不知道叫啥" (its name is not
    known; where it is may be), "pointer" for one only pointed at ("那家店", "楼下的饭馆", "the
    noodle shop downstairs"), "chain" for a chain's name alone ("星巴克", "KFC"); None for an
    answer that names or places one ("老王面馆", "幸福路那家店", "KFC near the train station")."""
    forgot = FORGOTTEN.search(normalize(text))
    rest = _ANSWER_FILLER.sub("", _NAME_ASKED.sub("", FORGOTTEN.sub("", normalize(text))))
    if forgot and not meaningful(rest):
        return "no name" if _NAME_ASKED.search(text) else "unknown"
    if not meaningful(rest):
        return None
    if _is_chain(text.strip()):  # "星巴克", "KFC": which of its shops?
        return "chain"
    if has_chinese(rest):
        kindless = {_SELLER.sub("", bare).removeprefix("在") for bare in _without_kinds(rest)
                    or {rest}}
        unnamed = any(only_a_kind(bare) or _place_unnamed(bare) for bare in kindless)
        return "pointer" if unnamed and not re.search(r"\d", rest) else None
    # English: no number, no street or named place, no capitalised word but the first, and at
    # most one word that is neither a pointer nor a kind ("the noodle shop", "that place").
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    if not words or re.search(r"\d", text) or _EN_PLACE_SPLIT.search(text) \
            or _EN_PLACE_ALONE.fullmatch(text.strip()):
        return None
    if any(word[0].isupper() and word.lower() not in EN_SORT_WORDS for word in words[1:]):
        return None  # a capitalised name ("the Asian supermarket" is a kind)
    other = [w for w in words if w.lower() not in _EN_POINTING and w.lower() not in _EN_KINDS
             and w.lower() not in EN_SORT_WORDS
             and w.lower() not in ("know", "don't", "dont", "not", "sure", "no", "idea")]
    kinded = any(w.lower() in _EN_KINDS or w.lower() in ("that", "this", "some") for w in words)
    return "pointer" if kinded and len(other) <= 1 else None


_STREET_END = re.compile(r"路|街|巷|号|大道|广场|小区|大厦|村|镇")


def only_a_kind_at_a_place(name: str) -> bool:
    """Whether a business's name is a kind, perhaps after a street ("和平路菜市场", "菜市场"), not
    a name ("幸福路老王面馆")."""
    return only_a_kind(_STREET_END.split(name)[-1] or name)


def known_beside_forgetting(text: str) -> str:
    """What an answer that does not know the business's name still says ("不知道叫啥 就在学校
    对面" is 学校对面): the answer without the words of not knowing, of its name and fillers."""
    rest = _NAME_ASKED.sub(" ", FORGOTTEN.sub(" ", text))
    rest = re.sub(r"^(?:[\s,，。.!！~～、]|就是|就在|只知道是|只知道|反正|好像|大概|在)+", "", rest)
    return re.sub(r"[\s,，。.!！~～、]*(?:了|啦)?[\s,，。.!！~～、]*$", "", rest)


def names_a_place(text: str) -> bool:
    """Whether an answer names a business or a place ("老王面馆", "幸福路12号", "学校旁边")."""
    text = simplified(text)
    return bool(_PLACE_HINT.search(text) or re.search(rf"(?:{_BUSINESS_SUFFIX})", text))


def only_a_place(text: str) -> bool:
    """Whether an answer names a place but no business ("幸福路21号", "学校旁边", "on 5th
    street", "near the train station")."""
    if not has_chinese(text):
        found = _EN_PLACE_ALONE.fullmatch(text.strip())
        return found is not None and not _EN_OWN_PLACE.search(found.group(3))
    text = simplified(text)
    return bool(_PLACE_HINT.search(text)) and not re.search(rf"(?:{_BUSINESS_SUFFIX})", text)


# Where a business is, said after its name ("华联超市在建设和平路那边", "老王面馆，就在幸福路12号").
_PLACE_AFTER = re.compile(
    r"^[\s,，]*(?:就|也|是)?(?:在|喺)([^\s,，。.!！?？]{2,30}?)(?:那边|那儿|那里|这边|一带)?[\s。.!！~～]*$")


def place_after(text: str, business: str) -> str | None:
    """The place said after ``business`` in an answer, with 在 ("在建设和平路那边": 建设和平路);
    None when what follows is no place ("在那边", "在吃饭")."""
    start = text.find(business)
    found = _PLACE_AFTER.match(text[start + len(business):]) if start >= 0 else None
    if found is None or not names_a_place(found.group(1)) or _place_unnamed(found.group(1)):
        return None
    return found.group(1)


def split_business_place(text: str) -> tuple[str, str | None]:
    """(business, place) from an answer such as "幸福路12号 老王面馆" or "the noodle shop on
    5th street"; the place may be None."""
    if not has_chinese(text):  # English: the place after a comma or "on"
        for found in _EN_PLACE_SPLIT.finditer(text.strip()):
            if found.start() > 0:
                return text.strip()[:found.start()].strip(" ,"), _place_of(found)
        return text.strip(), None
    parts = [p for p in re.split(r"[,，;；/\n]+|\s{1,}", text.strip()) if p]
    if len(parts) < 2:
        return text.strip(), None
    places = [p for p in parts if _PLACE_HINT.search(simplified(p))]
    names = [p for p in parts if p not in places]
    if not places or not names:
        return text.strip(), None
    # "店名叫金记烧腊 在中山路": the place is 中山路
    return " ".join(names), " ".join(re.sub(r"^(?:就|也)?(?:在|喺)(?=.)", "", p) for p in places)


# An answer choosing by kind alone: "应该是面馆", "是那家面馆吧", "就是超市".
_BY_KIND = re.compile(r"^(?:应该|可能|估计|我觉得|大概)?(?:是|就是)?(?:那家|那个)?"
                      r"([\u4e00-\u9fff]{1,5}?)(?:那家|那个)?(?:吧|了|啊)?[\s。.!！]*$")


def picks_by_kind(text: str, offered: str) -> bool:
    """Whether an answer to "which business?" picks the one offered by its kind alone
    ("应该是面馆" when the account named 老李面馆 and 蜜雪冰城)."""
    found = _BY_KIND.match(simplified(text.strip()))
    kind = found.group(1) if found else ""
    return bool(kind) and kind != offered and only_a_kind(kind) \
        and simplified(offered).endswith(kind)
