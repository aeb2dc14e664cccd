// Surnames and role words for recognising people in news text.
export const SURNAMES = new Set([...
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈' +
  '姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤' +
  '常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴' +
  '霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑' +
  '景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝' +
  '权习栗'
]);

/** Role words that follow a name (王勇教授) or precede it (主任王栩冬). */
export const ROLES = [
  '总书记', '党委书记', '副书记', '书记', '副主任', '主任医师', '主任', '副院长', '院长', '副校长', '校长', '教授', '专家',
  '医生', '局长', '副局长', '市长', '副市长', '省长', '副省长', '副县长', '县长', '副区长', '区长', '部长', '主席', '所长', '站长', '护士长',
  '研究员', '博士', '院士', '委员', '总经理', '董事长',
  // posts that news puts before a name as often as 院长 (负责人唐志红介绍, 理事长吴晓明)
  '负责人', '理事长', '副理事长', '会长', '秘书长', '处长', '科长', '副主任医师', '主治医师', '医师', '组长', '队长',
  // the heads of the front-line offices that run paired aid (援疆前方指挥部副总指挥)
  '总指挥', '副总指挥', '指挥长',
  // who a quoted person is when no post is given (牧民巴特尔); not 患者, which follows any illness (康复期患者)
  '牧民', '村民', '护士', '志愿者',
];

/** Characters that cannot continue a name (介绍, 表示, 在…). */
export const NAME_BREAKERS = new Set([...'介表说指强在的了和与及等主出带一为是对向从到将已也还都就又把被']);

/** Words that may follow a name when no role word anchors it (冯振华任副理事长, 王勇等, 刘芳一行). */
export const NAME_FOLLOWERS = new Set(['等', '等人', '一行', '同志', '女士', '先生', '任', '作', '率', '赴', '称', '携', '随', '获', '则', '均', '曾',
  // adverbs of order and manner between speakers and their verb (石国强先后致辞, 王勇分别介绍)
  '先后', '分别', '相继', '依次', '一同', '共同', '同时',
  // who speaks for a group (主任刘海燕代表成员单位发言)
  '代表',
  // a time word opens the predicate after a name (组长刘晓红去年带教…, 院长王立新今年再次…)
  '去年', '今年', '明年', '前年', '当年', '同年', '近年', '此前', '如今', '目前', '曾经']);

/** Verbs of saying: a name at a clause start before one of them is a speaker (“……”冯振华说). */
export const SPEECH_VERBS = new Set(['说', '介绍', '表示', '指出', '强调', '认为', '坦言', '透露', '告诉', '回忆', '解释', '感慨', '称', '谈到', '提到', '坦承', '笑着说']);
