"""Background queries: everyday sentences with nothing to do with budget performance.

Used once per build to calibrate dense confidence (`kb.retrieval.fusion.calibrate`):
how similar does the KB look to text that is certainly off-topic? E5-type
models give every pair of Chinese texts a cosine of 0.8–0.9, so only the
margin over this background means anything. Written for this project; kept
disjoint from the off-topic sentences the tests use. Not a stop-word list.
"""
from __future__ import annotations

BACKGROUND_QUERIES: tuple[str, ...] = (
    # daily life
    "早上起来先喝一杯温水", "晚饭想吃红烧肉还是清蒸鱼", "楼下新开了一家奶茶店", "周六要不要一起去爬山",
    "我昨晚做了一个很奇怪的梦", "闹钟响了三次我才起床", "外卖小哥今天送得特别快", "冰箱里的牛奶快过期了",
    "这件衣服的颜色我不太喜欢", "头发该剪了周末去理发", "孩子在客厅里搭积木", "邻居家的狗一直在叫",
    "地铁上人太多了挤不上去", "下班路上顺便买点水果", "今晚的月亮又大又圆", "阳台上的花开得正好",
    "洗衣机好像有点漏水", "周末在家看了一整天剧", "咖啡喝多了睡不着觉", "他说话总是慢吞吞的",
    # weather, nature, travel
    "明天可能会下大雨记得带伞", "海边的日落真美", "雪后的山路特别滑", "春天的风吹在脸上很舒服",
    "我们打算暑假去云南旅游", "飞机晚点了两个小时", "酒店的早餐种类很丰富", "沙滩上有很多贝壳",
    "秋天的银杏叶全变黄了", "夏天太热只想吹空调",
    # food and cooking
    "饺子皮要擀得薄一点", "这道菜盐放多了有点咸", "火锅底料选微辣就好", "蛋糕烤箱要预热十分钟",
    "西瓜切开发现还没熟", "面条煮好过一下凉水", "奶奶做的红烧排骨最好吃", "早餐吃了两个包子一碗豆浆",
    # entertainment, sports, hobbies
    "这部电影的结局太意外了", "他吉他弹得越来越好了", "昨晚的篮球赛打到了加时", "我最近迷上了拼图",
    "这本小说我一口气看完了", "演唱会的票一下就抢光了", "他每天早上跑五公里", "游戏新版本更新了好多角色",
    "下棋的时候他总爱悔棋", "钓鱼坐了一下午一条也没钓到", "新出的综艺节目挺搞笑", "她画的油画挂在客厅",
    # feelings, chatter
    "今天心情特别好", "有点想念大学时的朋友", "别担心一切都会好起来的", "这个笑话我听了三遍还想笑",
    "生日快乐祝你天天开心", "谢谢你昨天帮我搬家", "我真的太困了先睡了", "你吃饭了吗",
    "好久不见最近怎么样", "哎呀钥匙又找不到了",
    # shopping, gadgets, money (personal)
    "新买的耳机音质不错", "双十一买了一堆用不上的东西", "这个手机壳有点滑", "电脑开机越来越慢了",
    "优惠券明天就过期了", "网购的鞋子尺码小了要退货", "充电宝忘在出租车上了", "这个月的信用卡账单出来了",
    # animals
    "小猫把毛线球弄得满地都是", "金鱼缸该换水了", "鹦鹉学会了说你好", "小狗见到主人就摇尾巴",
    # short, odd and non-Chinese inputs
    "你好", "谢谢", "随便看看", "嗯嗯好的", "啊啊啊啊", "测试测试", "123456", "abc",
    "hello world", "lorem ipsum dolor sit amet", "qwertyuiop", "zzzz", "？？？", "……",
    "一二三四五六七", "甲乙丙丁戊己庚辛", "红橙黄绿青蓝紫", "春夏秋冬",
)
