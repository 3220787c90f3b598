import random
import re

import pytest

from shuzhi.checker import apply_fixes, check_text
from shuzhi.checker.data import load
from shuzhi.checker.finding import BASES
from shuzhi.checker.formulations import compiled, near_form
from shuzhi.checker.nearmiss import Haystack, NearMissIndex, one_edit

# (text, report year or None, reported text, suggestion, text after --fix or None when the
# suggestion is advice only)
FOUND = [
    # known wrong forms
    ("紧密团结在以习近平总书记为核心的党中央周围。", None, "以习近平总书记为核心的党中央", "以习近平同志为核心的党中央", ...),
    ("落实一岗两责。", None, "一岗两责", "一岗双责", ...),
    ("严格执行中央八条规定。", None, "中央八条规定", "中央八项规定", ...),
    ("认真落实“三会一党课”制度。", None, "“三会一党课”", "“三会一课”", ...),
    ("学习贯彻习近平教育思想。", None, "习近平教育思想", "习近平总书记关于教育的重要论述", ...),
    ("深入学习贯彻党的二十大三中全会精神。", None, "二十大三中全会", "二十届三中全会", ...),
    ("全面准确完整贯彻新发展理念。", None, "全面准确完整贯彻新发展理念", "完整准确全面贯彻新发展理念", ...),
    ("坚持总体国家安全观，反对整体国家安全观。", None, "整体国家安全观", "总体国家安全观", ...),
    ("增强4个意识。", None, "4个意识", "四个意识", ...),
    ("学习习总书记重要讲话。", None, "习总书记", "习近平总书记", ...),
    ("严守《党纪处分条例》。", None, "《党纪处分条例》", "《中国共产党纪律处分条例》", ...),
    ("深入学习20届三中全会精神。", None, "20届三中全会", "二十届三中全会", ...),
    # near-misses, found by form: one character inserted, dropped, replaced, or two swapped
    ("坚持以习近平新时代的中国特色社会主义思想为指导。", None, "习近平新时代的中国特色社会主义思想",
     "习近平新时代中国特色社会主义思想", ...),
    ("坚持以习近平新时代中国特色的社会主义思想为指导。", None, "习近平新时代中国特色的社会主义思想",
     "习近平新时代中国特色社会主义思想", ...),
    ("坚持以习近平新时代中国特色社会主意思想为指导。", None, "习近平新时代中国特色社会主意思想",
     "习近平新时代中国特色社会主义思想", ...),
    ("坚持以习近平新时代中国特社会主义思想为指导。", None, "习近平新时代中国特社会主义思想",
     "习近平新时代中国特色社会主义思想", ...),
    ("坚持以习近平新时代中国色特社会主义思想为指导。", None, "习近平新时代中国色特社会主义思想",
     "习近平新时代中国特色社会主义思想", ...),
    ("紧密团结在以习近平同志为核心党中央周围。", None, "以习近平同志为核心党中央", "以习近平同志为核心的党中央", ...),
    ("深入学习习近平法制思想。", None, "习近平法制思想", "习近平法治思想", ...),
    ("严格遵守《中国共产党纪律处份条例》。", None, "中国共产党纪律处份条例", "中国共产党纪律处分条例", ...),
    ("践行绿水青山也是金山银山的理念。", None, "绿水青山也是金山银山", "绿水青山就是金山银山", ...),
    ("确立习近平新时代中国特色社会主义思想的领导地位。", None, "确立习近平新时代中国特色社会主义思想的领导地位",
     "确立习近平新时代中国特色社会主义思想的指导地位", ...),
    # an item of a fixed list is a fixed term too
    ("坚决维护习近平总书记党中央核心、全党的核心地位。", None, "坚决维护习近平总书记党中央核心、全党的核心地位",
     "坚决维护习近平总书记党中央的核心、全党的核心地位", ...),
    # a fixed list in its order with one item altered: the standard item put back
    ("坚持对党忠诚、服务人民、执法公正、纪律严格的总要求。", None, "对党忠诚、服务人民、执法公正、纪律严格",
     "对党忠诚、服务人民、执法公正、纪律严明", ...),
    ("坚持安全第一、预防为主、综合防治的方针。", None, "安全第一、预防为主、综合防治",
     "安全第一、预防为主、综合治理", ...),
    ("推动产业振兴、人材振兴、文化振兴、生态振兴、组织振兴。", None, "产业振兴、人材振兴、文化振兴、生态振兴、组织振兴",
     "产业振兴、人才振兴、文化振兴、生态振兴、组织振兴", ...),
    # enumerations out of their standard order: reordered in place
    ("履行政治协商、参政议政、民主监督职能。", None, "政治协商、参政议政、民主监督", "政治协商、民主监督、参政议政", ...),
    ("增强大局意识、政治意识、核心意识、看齐意识。", None, "大局意识、政治意识、核心意识、看齐意识",
     "政治意识、大局意识、核心意识、看齐意识", ...),
    ("坚定理论自信、道路自信、制度自信、文化自信。", None, "理论自信、道路自信、制度自信、文化自信",
     "道路自信、理论自信、制度自信、文化自信", ...),
    # … not hidden by a term that starts with another verb (坚定中国特色社会主义道路… ≠ 坚持…道路)
    ("坚定中国特色社会主义道路自信、理论自信、文化自信、制度自信。", None, "道路自信、理论自信、文化自信、制度自信",
     "道路自信、理论自信、制度自信、文化自信", ...),
    ("反对官僚主义、形式主义、享乐主义和奢靡之风。", None, "官僚主义、形式主义、享乐主义和奢靡之风",
     "形式主义、官僚主义、享乐主义和奢靡之风", ...),
    ("一体推进不敢腐、不想腐、不能腐。", None, "不敢腐、不想腐、不能腐", "不敢腐、不能腐、不想腐", ...),
    ("统筹政治建设、经济建设、文化建设、社会建设、生态文明建设。", None,
     "政治建设、经济建设、文化建设、社会建设、生态文明建设", "经济建设、政治建设、文化建设、社会建设、生态文明建设", ...),
    ("推进全面深化改革、全面建设社会主义现代化国家、全面依法治国、全面从严治党。", None,
     "全面深化改革、全面建设社会主义现代化国家、全面依法治国、全面从严治党",
     "全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党", ...),
    ("确立习近平新时代中国特色社会主义思想的指导地位，确立习近平同志党中央的核心、全党的核心地位。", None,
     "确立习近平新时代中国特色社会主义思想的指导地位，确立习近平同志党中央的核心、全党的核心地位",
     "确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的指导地位", ...),
    ("坚决维护党中央权威和集中统一领导，坚决维护习近平总书记党中央的核心、全党的核心地位。", None,
     "坚决维护党中央权威和集中统一领导，坚决维护习近平总书记党中央的核心、全党的核心地位",
     "坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导", ...),
    ("贯彻创新、协调、开放、绿色、共享的新发展理念。", None, "创新、协调、开放、绿色、共享", "创新、协调、绿色、开放、共享", ...),
    ("严守政治纪律、组织纪律、群众纪律、廉洁纪律、工作纪律和生活纪律。", None,
     "政治纪律、组织纪律、群众纪律、廉洁纪律、工作纪律和生活纪律", "政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律和生活纪律", ...),
    ("落实支部委员会、支部党员大会、党小组会和党课制度。", None, "支部委员会、支部党员大会、党小组会和党课",
     "支部党员大会、支部委员会、党小组会和党课", ...),
    ("践行富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、友善、诚信。", None,
     "富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、友善、诚信",
     "富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、诚信、友善", ...),
    ("从德、能、绩、勤、廉五个方面述职。", None, "德、能、绩、勤、廉", "德、能、勤、绩、廉", ...),
    # collocations: the word of another slogan before or after it
    ("坚定“四个意识”，做到“两个维护”。", None, "坚定“四个意识”", "增强“四个意识”", ...),
    ("树立两个维护。", None, "树立两个维护", "做到两个维护", ...),
    ("协调推进“五位一体”总体布局。", None, "协调推进“五位一体”", "统筹推进“五位一体”", ...),
    ("统筹推进“四个全面”战略布局。", None, "统筹推进“四个全面”", "协调推进“四个全面”", ...),
    ("统筹推进“五位一体”战略布局。", None, "“五位一体”战略布局", "“五位一体”总体布局", ...),
    ("协调推进“四个全面”总体布局。", None, "“四个全面”总体布局", "“四个全面”战略布局", ...),
    ("执纪监督“四种形态”运用到位。", None, "执纪监督“四种形态”", "监督执纪“四种形态”", ...),
    # a verb shared by a list of slogans: advice, never a rewrite
    ("坚定“四个意识”“四个自信”。", None, "坚定“四个意识”", "增强“四个意识”", None),
    ("坚定“四个意识”、“四个自信”。", None, "坚定“四个意识”", "增强“四个意识”", None),
    ("全面做到“两个确立”。", None, "做到“两个确立”", "深刻领悟“两个确立”的决定性意义", None),
    # outdated names and slogans, in reports for years after they stopped being current
    ("严守《廉政准则》。", 2020, "《廉政准则》", "《中国共产党廉洁自律准则》", ...),
    ("坚定三个自信。", 2018, "三个自信", "四个自信", ...),
    ("协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。", 2022,
     "全面建成小康社会、全面深化改革、全面依法治国、全面从严治党",
     "全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党", ...),
    ("认真学习《中国共产党纪律处分条例》（2018年修订）。", 2024, "《中国共产党纪律处分条例》（2018年修订）",
     "《中国共产党纪律处分条例》", None),
    ("对照《中国共产党党内监督条例（试行）》。", 2020, "《中国共产党党内监督条例（试行）》", "《中国共产党党内监督条例》", ...),
    ("依据《中华人民共和国合同法》审查合同。", 2023, "《中华人民共和国合同法》", "《中华人民共和国民法典》", None),
    ("推进党的建设新的伟大工程。", 2020, "党的建设新的伟大工程", "新时代党的建设新的伟大工程", ...),
    ("推进新时期党的建设新的伟大工程。", 2020, "新时期党的建设新的伟大工程", "新时代党的建设新的伟大工程", ...),
    # a list written with its shared word once, out of order: the stems reordered in place
    ("始终坚定理论、道路、制度、文化自信。", None, "理论、道路、制度、文化自信", "道路、理论、制度、文化自信", ...),
    ("不断增强政治、大局、看齐、核心意识。", None, "政治、大局、看齐、核心意识", "政治、大局、核心、看齐意识", ...),
    ("统筹推进政治、经济、文化、社会、生态文明建设。", None, "政治、经济、文化、社会、生态文明建设",
     "经济、政治、文化、社会、生态文明建设", ...),
    ("严守政治、组织、群众、廉洁、工作、生活纪律。", None, "政治、组织、群众、廉洁、工作、生活纪律",
     "政治、组织、廉洁、群众、工作、生活纪律", ...),
    ("推动党的自我完善、净化、革新、提高。", None, "完善、净化、革新、提高", "净化、完善、革新、提高", ...),
    ("坚定“四个自信”（道路、理论、文化、制度）。", None, "道路、理论、文化、制度", "道路、理论、制度、文化", ...),
    ("增强“四个意识”：政治、核心、大局、看齐。", None, "政治、核心、大局、看齐", "政治、大局、核心、看齐", ...),
    ("坚持学史明理、增信、力行、崇德。", None, "明理、增信、力行、崇德", "明理、增信、崇德、力行", ...),
    ("不断提高政治判断力、执行力、领悟力。", None, "判断力、执行力、领悟力", "判断力、领悟力、执行力", ...),
    # more fixed lists out of order
    ("坚持无禁区、零容忍、全覆盖，一体推进“三不腐”。", None, "无禁区、零容忍、全覆盖", "无禁区、全覆盖、零容忍", ...),
    ("坚持严的措施、严的基调、严的氛围长期不变。", None, "严的措施、严的基调、严的氛围",
     "严的基调、严的措施、严的氛围", ...),
    ("教育党员坚持个人服从组织、下级服从上级、少数服从多数、全党服从中央。", None,
     "个人服从组织、下级服从上级、少数服从多数、全党服从中央", "个人服从组织、少数服从多数、下级服从上级、全党服从中央", ...),
    ("深入开展学史明理、学史崇德、学史增信、学史力行。", None, "学史明理、学史崇德、学史增信、学史力行",
     "学史明理、学史增信、学史崇德、学史力行", ...),
    ("努力实现幼有所育、学有所教、病有所医、劳有所得、老有所养、住有所居、弱有所扶。", None,
     "幼有所育、学有所教、病有所医、劳有所得、老有所养、住有所居、弱有所扶",
     "幼有所育、学有所教、劳有所得、病有所医、老有所养、住有所居、弱有所扶", ...),
    ("坚持廉洁从政、廉洁修身、廉洁用权、廉洁齐家。", None, "廉洁从政、廉洁修身、廉洁用权、廉洁齐家",
     "廉洁从政、廉洁用权、廉洁修身、廉洁齐家", ...),
    ("落实管业务必须管安全、管行业必须管安全、管生产经营必须管安全。", None,
     "管业务必须管安全、管行业必须管安全、管生产经营必须管安全", "管行业必须管安全、管业务必须管安全、管生产经营必须管安全", ...),
    ("培养什么人、为谁培养人、怎样培养人是教育的根本问题。", None, "培养什么人、为谁培养人、怎样培养人",
     "培养什么人、怎样培养人、为谁培养人", ...),
    ("坚持面向世界科技前沿、面向国家重大需求、面向经济主战场、面向人民生命健康。", None,
     "面向世界科技前沿、面向国家重大需求、面向经济主战场、面向人民生命健康",
     "面向世界科技前沿、面向经济主战场、面向国家重大需求、面向人民生命健康", ...),
    # an item altered in a long list of short items
    ("坚持创新、协调、绿色、开放、共赢的新发展理念。", None, "创新、协调、绿色、开放、共赢", "创新、协调、绿色、开放、共享", ...),
    # a list announced by its name with an item left out: advice (请核实)
    ("坚定“四个自信”（道路自信、理论自信、制度自信）。", None, "道路自信、理论自信、制度自信",
     "道路自信、理论自信、制度自信、文化自信", None),
    ("纠治“四风”（形式主义、官僚主义、享乐主义）问题。", None, "形式主义、官僚主义、享乐主义",
     "形式主义、官僚主义、享乐主义、奢靡之风", None),
    ("增强“四个意识”，即政治意识、大局意识、核心意识。", None, "政治意识、大局意识、核心意识",
     "政治意识、大局意识、核心意识、看齐意识", None),
    # a list only ever cited whole, with an item left out: advice (请核实)
    ("不断增强政治意识、大局意识、核心意识。", None, "政治意识、大局意识、核心意识",
     "政治意识、大局意识、核心意识、看齐意识", None),
    ("统筹推进经济建设、政治建设、文化建设、社会建设。", None, "经济建设、政治建设、文化建设、社会建设",
     "经济建设、政治建设、文化建设、社会建设、生态文明建设", None),
    ("坚定道路自信、理论自信、制度自信。", 2020, "道路自信、理论自信、制度自信", "道路自信、理论自信、制度自信、文化自信", None),
    ("坚定道路自信、理论自信、制度自信、文化自信、历史自信。", None, "历史自信", "道路自信、理论自信、制度自信、文化自信", None),
    # a run of as many items of the kind, two or more of them its own: advice (请核实)
    ("坚定政治自信、经济自信、文化自信、制度自信。", None, "政治自信、经济自信、文化自信、制度自信",
     "道路自信、理论自信、制度自信、文化自信", None),
    ("增强政治意识、大局意识、责任意识、忧患意识。", None, "政治意识、大局意识、责任意识、忧患意识",
     "政治意识、大局意识、核心意识、看齐意识", None),
    # … also where the item left out is written elsewhere in the text
    ("贯彻创新、协调、绿色、开放的新发展理念，推进资源共享。", None, "创新、协调、绿色、开放",
     "创新、协调、绿色、开放、共享", None),
    ("严守政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律。", None, "政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律",
     "政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律", None),
    ("不断提高政治判断力、政治执行力。", None, "政治判断力、政治执行力", "政治判断力、政治领悟力、政治执行力", None),
    # a number or measure word changed in a slogan
    ("增强“四个意识”、坚定“四个自信”、做到“三个维护”。", None, "“三个维护”", "“两个维护”", ...),
    ("增强“三个意识”、坚定“四个自信”。", None, "三个意识", "四个意识", ...),
    ("统筹推进“四位一体”总体布局。", None, "四位一体", "五位一体", ...),
    ("协调推进“三个全面”战略布局。", None, "三个全面", "四个全面", ...),
    ("严格落实中央六项规定。", None, "中央六项规定", "中央八项规定", ...),
    ("运用监督执纪“三种形态”。", None, "三种形态", "四种形态", ...),
    ("深入开展“三严四实”专题教育。", None, "“三严四实”", "“三严三实”", ...),
    ("严守“五大纪律”。", None, "“五大纪律”", "“六大纪律”", ...),
    ("深刻理解“十个明确”“十四个坚持”“十二个方面成就”。", 2023, "十二个方面成就", "十三个方面成就", ...),
    ("坚决打好防范化解重大风险、污染防治、精准脱贫三大攻坚战。", None, "防范化解重大风险、污染防治、精准脱贫",
     "防范化解重大风险、精准脱贫、污染防治", ...),
    ("落实“四重一大”决策制度。", None, "“四重一大”", "“三重一大”", ...),
    ("牢固树立“四种意识”。", None, "“四种意识”", "“四个意识”", ...),
    ("深刻理解“八个明确”和“十三个坚持”。", 2019, "十三个坚持", "十四个坚持", ...),
    # one character off in a long term, anywhere inside it
    ("弘扬伟大建党精神，踔厉奋发、勇义前行。", None, "踔厉奋发、勇义前行", "踔厉奋发、勇毅前行", ...),
    ("弘扬伟大建党精神，踔历奋发、勇毅前行。", None, "踔历奋发", "踔厉奋发", ...),  # a known wrong form first
    ("推进国家治理体系和治理能力的现代化。", None, "国家治理体系和治理能力的现代化", "国家治理体系和治理能力现代化", ...),
    ("学习《中华人民共和国突发事件应急法》。", None, "中华人民共和国突发事件应急法", "中华人民共和国突发事件应对法", ...),
    ("组织学习《突发事件应急法》。", None, "突发事件应急法", "突发事件应对法", ...),  # a law's short name too
    ("坚持和完善中国共产党领导下的多党合作与政治协商制度。", None, "中国共产党领导下的多党合作与政治协商制度",
     "中国共产党领导的多党合作和政治协商制度", ...),  # 与 for 和 aside, one character inserted
    ("不断谱写马克思主义中国化现代化新篇章。", None, "马克思主义中国化现代化", "马克思主义中国化时代化", ...),
    # an item of three characters altered between its ends
    ("一体推进不敢腐、不能腐、不愿腐。", None, "不敢腐、不能腐、不愿腐", "不敢腐、不能腐、不想腐", ...),
    ("反对形式主义、官僚主义、享乐主义和奢华之风。", None, "形式主义、官僚主义、享乐主义和奢华之风",
     "形式主义、官僚主义、享乐主义和奢靡之风", ...),
    ("坚持肝胆相照、荣辱与共、长期共存、互相监督的方针。", None, "肝胆相照、荣辱与共、长期共存、互相监督",
     "长期共存、互相监督、肝胆相照、荣辱与共", ...),
    # known wrong forms
    ("坚持踔厉奋发、勇毅前进。", None, "踔厉奋发、勇毅前进", "踔厉奋发、勇毅前行", ...),
    ("力戒享乐主义和奢侈之风。", None, "奢侈之风", "奢靡之风", ...),
    ("持续筑牢中华民族共同体意识。", None, "筑牢中华民族共同体意识", "铸牢中华民族共同体意识", ...),
    ("深刻领悟“两个确立”的决定意义。", None, "“两个确立”的决定意义", "“两个确立”的决定性意义", ...),
    ("严守《中国共产党廉洁自律条例》。", None, "《中国共产党廉洁自律条例》", "《中国共产党廉洁自律准则》", ...),
    ("严守《中国共产党党员廉洁自律准则》。", None, "《中国共产党党员廉洁自律准则》", "《中国共产党廉洁自律准则》", ...),
    ("坚持以习近平总书记新时代中国特色社会主义思想为指导。", None, "习近平总书记新时代中国特色社会主义思想",
     "习近平新时代中国特色社会主义思想", ...),
    ("深刻领悟“两个维护”的决定性意义。", None, "“两个维护”的决定性意义", "“两个确立”的决定性意义", ...),
    ("统筹推进政治、经济、文化、社会、生态文明“五位一体”总体布局。", None, "政治、经济、文化、社会、生态文明",
     "经济、政治、文化、社会、生态文明", ...),
    ("深化以案为鉴、以案促治、以案促改。", None, "以案为鉴、以案促治、以案促改", "以案为鉴、以案促改、以案促治", ...),
    ("全面贯彻新发展观念。", None, "新发展观念", "新发展理念", ...),
    ("到2030年基本实现社会主义现代化。", None, "2030年基本实现社会主义现代化", "二〇三五年基本实现社会主义现代化", None),
    # a name in 《》 off at its first or last character (the brackets tell where it ends)
    ("学习《中国共产党支部工作条列（试行）》。", None, "《中国共产党支部工作条列（试行）》", "《中国共产党支部工作条例（试行）》", ...),
    ("学习《习近平谈治国理证》。", None, "《习近平谈治国理证》", "《习近平谈治国理政》", ...),
    # a known name with another kind of document
    ("严守《中国共产党纪律处分规定》。", None, "《中国共产党纪律处分规定》", "《中国共产党纪律处分条例》", ...),
    ("学习《中华人民共和国安全生产条例》。", None, "《中华人民共和国安全生产条例》", "《中华人民共和国安全生产法》", ...),
    ("执行《领导干部报告个人有关事项办法》。", None, "《领导干部报告个人有关事项办法》", "《领导干部报告个人有关事项规定》", ...),
    # session names
    ("学习贯彻党的十九大五中全会精神。", None, "十九大五中全会", "十九届五中全会", ...),
    ("学习贯彻党的二十届3中全会精神。", None, "二十届3中全会", "二十届三中全会", ...),
    ("学习贯彻党的二十届三次全会精神。", None, "党的二十届三次全会", "党的二十届三中全会", ...),
    ("学习贯彻二十届中央纪委四中全会精神。", None, "二十届中央纪委四中全会", "二十届中央纪委四次全会", ...),
    ("学习党的第二十届全国代表大会精神。", None, "第二十届全国代表大会", "第二十次全国代表大会", ...),
    ("学习中纪委二十届四次全会精神。", None, "中纪委二十届四次全会", "二十届中央纪委四次全会", ...),
    ("学习二十届中纪委四次全会精神。", None, "二十届中纪委四次全会", "二十届中央纪委四次全会", ...),
    ("学习党的二十届第四次全会精神。", None, "党的二十届第四次全会", "党的二十届四中全会", ...),
    ("深入学习贯彻党的二十大和二十届三中、二中全会精神。", None, "二十届三中、二中全会", "二十届二中、三中全会", ...),
    ("深入学习贯彻二十届三中全会和党的二十大精神。", None, "二十届三中全会和党的二十大", "党的二十大和二十届三中全会", None),
    ("建设本领高强、政治过硬的干部队伍。", None, "本领高强、政治过硬", "政治过硬、本领高强", ...),
    # a 条例 still on trial named without its （试行）: advice, the full name given
    ("学习《中国共产党支部工作条例》。", None, "《中国共产党支部工作条例》", "《中国共产党支部工作条例（试行）》", ...),
    # collocations of the 新发展 triad
    ("着力构建新发展理念。", None, "构建新发展理念", "贯彻新发展理念", ...),
    ("深刻领悟“两个维护”。", None, "深刻领悟“两个维护”", "做到“两个维护”", ...),
    ("坚决拥护“两个维护”。", None, "拥护“两个维护”", "做到“两个维护”", ...),
    # slogans quoted inside a quotation, in single quotes: found, and fixed with their quotes
    ("他说：“要坚定‘四个意识’。”", None, "坚定‘四个意识’", "增强‘四个意识’", ...),
    ("他说：“要落实‘三会一党课’。”", None, "‘三会一党课’", "‘三会一课’", ...),
    ("弘扬牢记使命、绿色发展、艰苦创业的塞罕坝精神。", None, "牢记使命、绿色发展、艰苦创业", "牢记使命、艰苦创业、绿色发展", ...),
    ("积极贯彻新发展格局。", None, "贯彻新发展格局", "构建新发展格局", ...),
    # a conjunction left out of a fixed name: advice (请核实), the name given
    ("坚持和完善中国共产党领导的多党合作政治协商制度。", None, "中国共产党领导的多党合作政治协商制度",
     "中国共产党领导的多党合作和政治协商制度", ...),
    # two neighbouring words swapped in a long name
    ("严格执行《中国共产党纪律检查机关执纪监督工作规则》。", None, "中国共产党纪律检查机关执纪监督工作规则",
     "中国共产党纪律检查机关监督执纪工作规则", ...),
    ("推进党支部规范化标准化建设。", None, "党支部规范化标准化建设", "党支部标准化规范化建设", ...),  # across the middle
    ("推动党史学习教育长效化常态化。", None, "推动党史学习教育长效化常态化", "推动党史学习教育常态化长效化", ...),
    # two neighbouring items of a list with their words exchanged: advice (请核实)
    ("确保口粮基本自给、谷物绝对安全。", None, "口粮基本自给、谷物绝对安全", "谷物基本自给、口粮绝对安全", None),
    ("健全政府领导、党委负责、民主协商的工作机制。", None, "政府领导、党委负责", "党委领导、政府负责", None),
    ("确保谷物绝对安全、口粮基本自给。", None, "谷物绝对安全、口粮基本自给", "谷物基本自给、口粮绝对安全", None),  # the other words
    ("筑牢精神之钙、补足信仰之基。", None, "筑牢精神之钙、补足信仰之基", "筑牢信仰之基、补足精神之钙", None),
    ("坚持功成必定在我、功成不必有我。", None, "功成必定在我、功成不必有我", "功成不必在我、功成必定有我", None),
    ("坚持严格立法、科学执法、公正司法、全民守法。", None, "严格立法、科学执法", "科学立法、严格执法", None),
    # items that each repeat their verb: reordered in place, the verbs kept
    ("坚持人民至上、坚持守正创新、坚持自信自立、坚持问题导向、坚持系统观念、坚持胸怀天下。", None,
     "人民至上、坚持守正创新、坚持自信自立、坚持问题导向、坚持系统观念、坚持胸怀天下",
     "人民至上、坚持自信自立、坚持守正创新、坚持问题导向、坚持系统观念、坚持胸怀天下", ...),
    # more fixed lists of 2017–2026 central texts, out of order
    ("深入开展党史、改革开放史、新中国史、社会主义发展史学习教育。", None, "党史、改革开放史、新中国史、社会主义发展史",
     "党史、新中国史、改革开放史、社会主义发展史", ...),
    ("统筹世界百年未有之大变局和中华民族伟大复兴战略全局。", None, "世界百年未有之大变局和中华民族伟大复兴战略全局",
     "中华民族伟大复兴战略全局和世界百年未有之大变局", ...),
    ("坚持人民城市为人民、人民城市人民建。", None, "人民城市为人民、人民城市人民建", "人民城市人民建、人民城市为人民", ...),
    ("具有因材施教、启智润心的育人智慧。", None, "因材施教、启智润心", "启智润心、因材施教", ...),
    ("确保基本医疗、义务教育、住房安全有保障。", None, "基本医疗、义务教育、住房安全", "义务教育、基本医疗、住房安全", ...),
    ("着力提高政治能力、科学决策能力、调查研究能力、改革攻坚能力、应急处突能力、群众工作能力、抓落实能力。", None,
     "政治能力、科学决策能力、调查研究能力、改革攻坚能力、应急处突能力、群众工作能力、抓落实能力",
     "政治能力、调查研究能力、科学决策能力、改革攻坚能力、应急处突能力、群众工作能力、抓落实能力", ...),
    ("培养德智体美劳全面发展的社会主义接班人和建设者。", None, "接班人和建设者", "建设者和接班人", ...),
    ("加强新社会组织、新经济组织、新就业群体党的建设。", None, "新社会组织、新经济组织、新就业群体",
     "新经济组织、新社会组织、新就业群体", ...),
    ("推动政治监督具体化、常态化、精准化。", None, "具体化、常态化、精准化", "具体化、精准化、常态化", ...),
    ("不断增强人民群众幸福感、获得感、安全感。", None, "幸福感、获得感、安全感", "获得感、幸福感、安全感", ...),
    ("持续深入打好碧水、蓝天、净土保卫战。", None, "碧水、蓝天、净土", "蓝天、碧水、净土", ...),
    ("推进精确执法、精准服务、精细监管、精诚共治。", None, "精准服务、精细监管", "精细服务、精准监管", None),
    # common miswritten characters in fixed terms
    ("切实保障人民当家做主。", None, "人民当家做主", "人民当家作主", ...),
    ("坚持“米袋子”市长负责制。", None, "“米袋子”市长负责制", "“米袋子”省长负责制", ...),
    ("严守政治纪律和政治规距。", None, "政治规距", "政治规矩", ...),
    ("精准运用监督执纪“四种状态”。", None, "“四种状态”", "“四种形态”", ...),
    ("坚持法法衔接、纪法贯通。", None, "法法衔接、纪法贯通", "纪法贯通、法法衔接", ...),
    ("履行党风廉政建设第一责任。", None, "第一责任", "第一责任人", ...),
    ("落实“四个最严”：最严格的标准、最严谨的监管、最严厉的处罚、最严肃的问责。", None, "最严格的标准、最严谨的监管",
     "最严谨的标准、最严格的监管", None),
    # known wrong forms further than one character off
    ("坚持以人民为中心的发展理念。", None, "以人民为中心的发展理念", "以人民为中心的发展思想", ...),
    ("坚持以习近平新时代中国特色社会主义重要思想为指导。", None, "习近平新时代中国特色社会主义重要思想",
     "习近平新时代中国特色社会主义思想", ...),
    ("深入学习习近平生态文明建设思想。", None, "习近平生态文明建设思想", "习近平生态文明思想", ...),
    ("坚决维护习近平总书记的核心地位。", None, "维护习近平总书记的核心地位", "坚决维护习近平总书记党中央的核心、全党的核心地位", None),
    ("积极参与共建一路一带。", None, "一路一带", "一带一路", ...),
    ("持续整顿软弱焕散基层党组织。", None, "软弱焕散", "软弱涣散", ...),
    ("落实管行业必须管安全、管业务必须管安全、管生产必须管安全。", None, "管生产必须管安全", "管生产经营必须管安全", ...),
    ("严格执行中央八项规定实施细则精神。", None, "中央八项规定实施细则精神", "中央八项规定及其实施细则精神", ...),
    # campaign names: the verb written before the name replaced with it
    ("扎实开展深入贯彻落实中央八项规定精神学习教育。", 2025, "深入贯彻落实中央八项规定精神学习教育",
     "深入贯彻中央八项规定精神学习教育", ...),
    ("开展深入贯彻习近平新时代中国特色社会主义思想主题教育。", 2023, "深入贯彻习近平新时代中国特色社会主义思想主题教育",
     "学习贯彻习近平新时代中国特色社会主义思想主题教育", ...),
    # campaign names and the word after them
    ("深入开展“三严三实”学习教育。", None, "“三严三实”学习教育", "“三严三实”专题教育", ...),
    ("推进“两学一做”专题教育常态化制度化。", None, "“两学一做”专题教育", "“两学一做”学习教育", ...),
    # numbers in fixed words, and outdated names by year
    ("学习贯彻20大精神。", None, "20大", "二十大", ...),
    ("严守6大纪律。", None, "6大纪律", "六大纪律", ...),
    ("对照6项纪律逐条自查。", None, "6项纪律", "六项纪律", ...),
    # lists and names of 2014–2025 central texts
    ("始终做到对党忠诚、勇于创新、兴企有为、治企有方、清正廉洁。", None, "对党忠诚、勇于创新、兴企有为、治企有方、清正廉洁",
     "对党忠诚、勇于创新、治企有方、兴企有为、清正廉洁", ...),
    ("建设具有强大的思政引领力、科技支撑力、人才竞争力、民生保障力、社会协同力、国际影响力的教育强国。", None,
     "思政引领力、科技支撑力、人才竞争力、民生保障力、社会协同力、国际影响力",
     "思政引领力、人才竞争力、科技支撑力、民生保障力、社会协同力、国际影响力", ...),
    ("弘扬坚定信念、艰苦奋斗，实事求是、敢闯新路，依靠群众、敢于胜利的井冈山精神。", None,
     "坚定信念、艰苦奋斗，实事求是、敢闯新路，依靠群众、敢于胜利", "坚定信念、艰苦奋斗，实事求是、敢闯新路，依靠群众、勇于胜利", ...),
    ("深入学习习近平总书记关于党的自我革命重要思想。", None, "习近平总书记关于党的自我革命重要思想",
     "习近平总书记关于党的自我革命的重要思想", ...),
    ("推动全面从严治党向纵身发展。", None, "推动全面从严治党向纵身发展", "推动全面从严治党向纵深发展", ...),
    ("找到了跳出历史周期律的第二个答案。", None, "历史周期律", "历史周期率", ...),
    ("不断增强眼力、脚力、脑力、笔力。", None, "眼力、脚力、脑力、笔力", "脚力、眼力、脑力、笔力", ...),
    # a campaign named with another campaign's kind of 教育
    ("扎实开展党纪主题教育。", None, "党纪主题教育", "党纪学习教育", ...),
    ("深入开展党史主题教育。", None, "党史主题教育", "党史学习教育", ...),
    ("2025年扎实开展深入贯彻中央八项规定精神主题教育。", None, "深入贯彻中央八项规定精神主题教育",
     "深入贯彻中央八项规定精神学习教育", ...),
    ("参加学习贯彻习近平新时代中国特色社会主义思想学习教育。", None, "学习贯彻习近平新时代中国特色社会主义思想学习教育",
     "学习贯彻习近平新时代中国特色社会主义思想主题教育", ...),
    ("建设职能科学、权责法定、执法严明、公开公正、智能高效、廉洁诚信、群众满意的法治政府。", None,
     "职能科学、权责法定、执法严明、公开公正、智能高效、廉洁诚信、群众满意",
     "职能科学、权责法定、执法严明、公开公正、智能高效、廉洁诚信、人民满意", ...),
    ("落实1岗双责。", None, "1岗双责", "一岗双责", ...),
    ("坚持“4个面向”。", None, "4个", "四个", ...),  # a numbered slogan in quotes
    ("学习“10个明确”。", None, "10个", "十个", ...),
    ("紧密团结在以习近平同志为总书记的党中央周围。", 2019, "以习近平同志为总书记的党中央", "以习近平同志为核心的党中央", ...),
    ("依据《信访条例》做好信访工作。", 2023, "《信访条例》", "《信访工作条例》", ...),
    ("统筹山水林田湖草系统治理。", 2023, "山水林田湖草", "山水林田湖草沙", ...),
    ("着力解决人民日益增长的物质文化需要同落后的社会生产之间的矛盾。", 2023,
     "人民日益增长的物质文化需要同落后的社会生产之间的矛盾", "人民日益增长的美好生活需要和不平衡不充分的发展之间的矛盾", None),
    ("推进全面建设社会主义现代化强国。", None, "全面建设社会主义现代化强国", "全面建成社会主义现代化强国", ...),
    # “两个确立” is quoted from the 决议 as it stands (“两个维护” is written both ways: CLEAN)
    ("深刻领悟“两个确立”，确立习近平总书记党中央的核心、全党的核心地位。", 2023,
     "确立习近平总书记党中央的核心、全党的核心地位", "确立习近平同志党中央的核心、全党的核心地位", ...),
    # one item of a standard list altered (主题教育总要求)
    ("紧扣“学思想、强党性、重实践、创新功”的总要求。", 2023, "学思想、强党性、重实践、创新功",
     "学思想、强党性、重实践、建新功", ...),
    ("围绕学党史、悟思想、办实事、创新局的目标要求。", 2021, "学党史、悟思想、办实事、创新局",
     "学党史、悟思想、办实事、开新局", ...),
]

CLEAN = [
    ("坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导。", 2023),
    # grammar around a match: the verb governs another noun
    ("切实增强“两个维护”的政治自觉。", None),
    ("不断增强“两个维护”的思想自觉、政治自觉和行动自觉。", None),
    ("坚定“两个维护”的决心。", None),
    # accepted variants
    ("坚持以习近平新时代中国特色社会主义思想为指导，增强“四个意识”、坚定“四个自信”、做到“两个维护”。", None),
    ("树牢“四个意识”，坚决维护习近平总书记党中央的核心、全党的核心地位。", None),
    ("坚决维护习近平同志党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导。", None),
    ("增强“四个意识”和“四个自信”。", None),
    ("更加自觉地增强道路自信、理论自信、制度自信、文化自信。", None),
    ("坚决做到“两个维护”，深刻领悟“两个确立”的决定性意义。", None),
    ("统筹推进“五位一体”总体布局和“四个全面”战略布局。", None),
    ("增强政治意识、大局意识、核心意识、看齐意识。", None),
    # a list in order with its own items, or a longer item that starts with the standard one
    ("坚持对党忠诚、服务人民、执法公正、纪律严明的总要求。", None),
    ("坚持安全第一、预防为主、综合治理方针，推动产业振兴、人才振兴、文化振兴、生态振兴、组织振兴。", None),
    ("坚持政治协商、民主监督、参政议政。", None),
    ("纠治形式主义、官僚主义，反对享乐主义和奢靡之风。", None),
    ("严格贯彻中央八项规定精神，持续开展深入贯彻中央八项规定精神学习教育。", None),
    ("深入学习贯彻党的二十大和二十届三中全会精神。", None),
    ("学习贯彻习近平新时代中国特色社会主义思想主题教育。", None),
    ("创新、协调、绿色、开放、共享的新发展理念。", None),
    ("党的十二届三中全会通过了经济体制改革的决定。", None),
    ("组织学习总书记重要讲话，做好学习总结。", None),
    ("落实全面从严治校主体责任，学习习近平经济思想和习近平生态文明思想。", None),
    ("认真落实党委领导下的校长负责制，指导附属中学推进党组织领导的校长负责制。", None),
    ("坚持不忘初心，牢记使命。", None),
    ("形成了中国共产党人的精神谱系。", None),
    ("落实党委领导下的院长负责制，学习《中国共产党简史》《论中国共产党历史》。", None),
    ("中国共产党的领导是中国特色社会主义最本质的特征。", None),
    # a term with a word after it is the term, not an insertion
    ("习近平新时代中国特色社会主义思想的世界观和方法论。", None),
    # outdated names in the years they were current
    ("严守《廉政准则》，坚定三个自信。", 2014),
    ("协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。", 2019),
    ("认真学习《中国共产党纪律处分条例》（2018年修订）。", 2022),
    ("依据《中华人民共和国合同法》审查合同，推进党的建设新的伟大工程。", 2016),
    # lists in their standard order, in full or with the shared word once
    ("坚定道路、理论、制度、文化自信，增强政治、大局、核心、看齐意识。", None),
    ("统筹推进经济、政治、文化、社会、生态文明建设“五位一体”总体布局。", None),
    ("全面加强党的政治、思想、组织、作风、纪律建设。", None),
    ("少数村党组织政治功能和组织功能发挥不充分。", None),  # stems run together are other words
    ("坚持无禁区、全覆盖、零容忍，坚持严的基调、严的措施、严的氛围。", None),
    ("按照控制总量、优化结构、提高质量、发挥作用的总要求发展党员。", None),
    ("党支部担负好直接教育党员、管理党员、监督党员和组织群众、宣传群众、凝聚群众、服务群众的职责。", None),
    ("实现幼有所育、学有所教、劳有所得、病有所医、老有所养、住有所居、弱有所扶。", None),
    ("健全党委领导、政府负责、民主协商、社会协同、公众参与、法治保障、科技支撑的社会治理体系。", None),
    ("坚持人民至上、自信自立、守正创新、问题导向、系统观念、胸怀天下。", None),
    ("坚持创新、协调、绿色、开放、共享的新发展理念，建设富强民主文明和谐美丽的社会主义现代化强国。", None),
    # slogans with their own numbers, and local slogans with other numbers
    ("增强“四个意识”、坚定“四个自信”、做到“两个维护”，坚决拥护“两个确立”。", None),
    ("强化“三个意识”，即责任意识、服务意识、效率意识。", None),
    ("运用监督执纪“四种形态”，严格落实中央八项规定。", None),
    ("深刻理解“十个明确”“十四个坚持”“十三个方面成就”。", 2023),
    ("坚持“三个坚持”工作法。", None),
    # accepted variants one character off
    ("为实现中华民族的伟大复兴而奋斗，坚持办人民满意的教育。", None),
    ("经常开展批评与自我批评，统筹发展与安全。", None),
    ("各部门负责人签订党风廉政建设责任书，落实党风廉政建设责任制。", None),
    ("培育和践行社会主义核心价值观，加强社会主义核心价值体系建设。", None),
    ("学习《中华人民共和国水法》《中华人民共和国刑法》《中华人民共和国宪法》。", None),
    ("学习《中华人民共和国统计法》《中华人民共和国审计法》《中华人民共和国会计法》。", None),
    ("弘扬伟大建党精神，踔厉奋发、勇毅前行，铸牢中华民族共同体意识。", None),
    ("立足新发展阶段、贯彻新发展理念、构建新发展格局，推动高质量发展。", None),
    ("学习贯彻二十届中央纪委四次全会和党的二十届四中全会精神。", None),
    ("到2035年基本实现社会主义现代化，到本世纪中叶建成社会主义现代化强国。", None),
    ("在政治、经济、文化、社会、生态文明等各领域取得新成效。", None),  # no 建设, no “五位一体”
    ("牢固树立“两个维护”意识。", None),  # 树立 governs 意识
    # 的 inserted where prose allows it: not a wrong term
    ("落实全面从严治党的主体责任，发挥基层党组织的战斗堡垒作用和党员的先锋模范作用。", None),
    ("深入学习习近平总书记的重要讲话精神，落实立德树人的根本任务。", None),
    ("推进高质量发展，加快构建新发展格局，践行新发展理念。", None),  # a list item's verb varies in prose
    ("坚定“四个自信”（道路、理论、制度、文化），依法缴纳《中华人民共和国环境保护税法》规定的税款。", None),
    ("重点整治“四风”中的形式主义、官僚主义问题。", None),  # some of a list, not announced as all of it
    ("学习《突发事件应对法》《治安管理处罚法》《个人信息保护法》。", None),
    ("坚持和完善中国共产党领导的多党合作与政治协商制度。", None),  # 与 for 和 is style
    ("充分发挥党组把方向、管大局、促落实的作用。", None),  # an item's first character changed: not judged
    ("巩固深化中央八项规定精神学习教育成果。", 2026),  # the campaign's results, named short
    ("完成国民经济和社会发展第十三个五年规划确定的目标任务。", 2020),
    ("实现第一个百年奋斗目标，向第二个百年奋斗目标进军。", 2021),
    ("落实全面从严治院主体责任和全面从严治税主体责任。", None),  # 从严治院/治税 of hospitals, tax offices
    ("增强政治意识、大局意识、责任意识。", None),  # 责任意识 is not one of the 四个意识
    ("坚定道路自信、理论自信、制度自信、文化自信，增强历史自信。", None),
    ("全面推进经济建设、政治建设、文化建设、社会建设、生态文明建设和党的建设。", None),
    ("坚定道路自信、理论自信、制度自信。", 2014),  # the 三个自信 before 文化自信 was added
    ("学习《中华人民共和国政府信息公开条例》《中华人民共和国监察法实施条例》《道路交通安全法实施条例》。", None),
    ("学习《中华人民共和国宪法》《中华人民共和国刑法》《中华人民共和国水法》《中国共产党章程》。", None),
    # a conjunction added or left out is style (把纪律规矩挺在前面)
    ("讲了一次“把纪律规矩挺在前面”的专题党课。", None),
    # the same lists and names in their standard form
    ("确保谷物基本自给、口粮绝对安全，健全党委领导、政府负责的体制，坚持科学立法、严格执法。", None),
    ("学习党史、新中国史、改革开放史、社会主义发展史，统筹中华民族伟大复兴战略全局和世界百年未有之大变局。", None),
    ("人民城市人民建、人民城市为人民，具有启智润心、因材施教的育人智慧。", None),
    ("培养德智体美劳全面发展的社会主义建设者和接班人，培养合格建设者和可靠接班人。", None),
    ("严格执行《中国共产党纪律检查机关监督执纪工作规则》，坚持以人民为中心的发展思想。", None),
    ("坚持以习近平新时代中国特色社会主义思想为指导，推进习近平新时代中国特色社会主义思想体系化学理化研究阐释。", None),
    ("共建“一带一路”，整顿软弱涣散基层党组织，落实管业务必须管安全、管生产经营必须管安全。", None),
    ("严格执行中央八项规定及其实施细则精神，学习《中共中央政治局贯彻落实中央八项规定实施细则》精神。", None),
    ("开展“三严三实”专题教育和“两学一做”学习教育。", None),
    ("全市共有20大类产品，第20大队召开会议，学习贯彻党的二十大精神。", None),
    ("建成4个面向社会的服务中心，排查隐患13个坚持立行立改。", None),  # counting, not slogans
    ("紧密团结在以习近平同志为总书记的党中央周围，执行《信访条例》。", 2015),
    ("全面建成社会主义现代化强国，全面建设社会主义现代化国家，统筹山水林田湖草沙系统治理。", None),
    # the change itself told as history (党的十九大报告's own sentence)
    ("我国社会主要矛盾已经由人民日益增长的物质文化需要同落后的社会生产之间的矛盾转化为人民日益增长的美好生活需要和"
     "不平衡不充分的发展之间的矛盾。", 2023),
    ("本人在政治上、思想上、工作上严格要求自己，在思想上政治上行动上同党中央保持高度一致。", None),
    ("推进党支部标准化规范化建设，推动党史学习教育常态化长效化，推动政治监督具体化、精准化、常态化。", None),
    ("加强新经济组织、新社会组织、新就业群体党的建设，提升群众的获得感、幸福感和安全感。", None),
    ("切实保障人民当家作主，落实“米袋子”省长负责制和“菜篮子”市长负责制。", None),
    ("营造班子民主团结的氛围，推动科技教育融合。", None),
    ("做到对党忠诚、服务人民、执法公正，始终纪律严明。", None),  # the item after another word
    ("构建堪当民族复兴重任的高素质干部队伍，构建中华民族现代文明话语体系。", None),  # 构建 ends with 建
    ("增强政治意识、大局意识，强化责任意识、忧患意识，坚定文化自信、历史自信。", None),  # not one run of four
    ("注重家庭家教家风建设，学习《习近平新时代中国特色社会主义思想学习问答》。", None),
    ("深入学习贯彻党的二十大和二十届二中、三中全会精神，建设政治过硬、本领高强的干部队伍。", None),
    ("深入学习贯彻党的十九届六中全会精神和党的二十大精神。", None),  # in the order they were held
    ("学习二十届二中、四中全会和十九届四中、六中全会精神，全市取得十二个方面成就。", None),  # other sessions, numbers
    ("坚持人民至上、坚持自信自立、坚持守正创新，增强政治意识、增强大局意识、增强核心意识、增强看齐意识。", None),
    ("履行党风廉政建设第一责任人职责，抓安全是第一责任。", None),
    ("坚定中国特色社会主义道路自信，推动中国特色社会主义道路越走越宽广。", None),  # the leading verb varies
    ("他说：“要增强‘四个意识’、坚定‘四个自信’、做到‘两个维护’，切实增强‘两个维护’的政治自觉。”", None),
    ("推动从不敢腐、不能腐向不想腐深化，提高政治判断力、政治领悟力，增强政治执行力。", None),  # every item, not one list
    ("坚持创新、协调、绿色、开放、共享的新发展理念，严守政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律。", None),
    ("学习省委十一届四次全会、中国共产党第二十次全国代表大会和共青团第十九次全国代表大会精神。", None),
    ("对照“六项纪律”逐条写了自查笔记，严守“六大纪律”。", None),  # both names are current
    ("做到对党忠诚、勇于创新、治企有方、兴企有为、清正廉洁，弘扬坚定信念、艰苦奋斗，实事求是、敢闯新路，依靠群众、勇于胜利的井冈山精神。",
     None),
    ("深入学习《教育强国建设规划纲要（2024—2035年）》和习近平总书记关于党的自我革命的重要思想，跳出治乱兴衰历史周期率。", None),
    ("推进全面从严治党向纵深发展，发扬万众一心、众志成城，不怕困难、顽强拼搏，坚韧不拔、敢于胜利的抗洪精神。", None),
    ("2019年对照职能科学、权责法定、执法严明、公开公正、廉洁高效、守法诚信的要求建设法治政府。", 2019),  # the 2015 纲要
    ("聚焦构建高水平社会主义市场经济体制，聚焦发展全过程人民民主，聚焦建设美丽中国。", None),  # some of them
    ("开展党纪学习教育、党史学习教育和深入贯彻中央八项规定精神学习教育，巩固主题教育成果。", None),
]


@pytest.mark.parametrize("text, year, wrong, correct, fixed", FOUND)
def test_wrong_forms_are_reported_with_the_standard_form(text, year, wrong, correct, fixed):
    # outdated names are found here and reported as stale-reference
    findings = check_text(text, rules=["nonstandard-term", "stale-reference"], year=year)
    assert [(f.text, f.suggestion) for f in findings] == [(wrong, correct)]
    finding = findings[0]
    assert finding.basis and finding.basis in finding.message
    if fixed is None:
        assert not finding.fixable and apply_fixes(text, findings) == text
    else:
        assert finding.fixable and apply_fixes(text, findings) == text.replace(wrong, correct)


@pytest.mark.parametrize("text, year", CLEAN)
def test_standard_forms_are_not_reported(run, text, year):
    assert run(text, "nonstandard-term", year=year) == []


def test_fix_of_a_shared_verb_keeps_the_sentence():
    """--fix never rewrites a verb that governs several slogans."""
    text = "坚定“四个意识”、“四个自信”，做到“两个维护”。"
    assert apply_fixes(text, check_text(text, rules=["nonstandard-term"])) == text


FORMULATIONS, ENUMERATIONS, COLLOCATIONS = load("formulations"), load("enumerations"), load("collocations")
ALL = FORMULATIONS + ENUMERATIONS + COLLOCATIONS


def test_at_least_two_hundred_entries_each_with_a_public_basis():
    assert len(ALL) >= 200
    for entry in ALL:
        basis = entry.get("basis", "")
        assert basis.startswith(BASES), entry
        assert not re.search(r"DOMAIN|BRIEF|§|\bE\d+\b|R-ST", basis), entry


@pytest.mark.parametrize("entry", [e for e in FORMULATIONS if e.get("wrong")], ids=lambda e: e["correct"])
def test_every_literal_wrong_form_is_found_and_its_correct_form_is_clean(entry):
    year = entry["until"] + 1 if "until" in entry else None
    rule = "stale-reference" if "until" in entry else "nonstandard-term"  # an outdated name is out of date
    for wrong in entry["wrong"]:
        findings = check_text(f"我们要{wrong}。", rules=[rule], year=year)
        assert findings and findings[0].text.replace('"', "") in (wrong, wrong.replace("“", "").replace("”", "")), wrong
        quoted = "“" in wrong
        assert findings[0].suggestion == (entry["correct"] if quoted else entry["correct"].replace("“", "").replace("”", ""))
    assert check_text(f"我们要{entry['correct']}。", rules=[rule], year=year) == []


@pytest.mark.parametrize("entry", ENUMERATIONS, ids=lambda e: e["name"])
def test_every_list_is_clean_in_order_and_found_in_any_other(entry):
    items = [i if isinstance(i, str) else i[0] for i in entry["items"]]
    in_order = "、".join(items)
    assert check_text(f"我们要{in_order}。", rules=["nonstandard-term"]) == []
    shuffled = items[:]
    while shuffled == items:
        random.Random(len(items)).shuffle(shuffled)
    text = f"我们要{'、'.join(shuffled)}。"
    findings = check_text(text, rules=["nonstandard-term"])
    assert [f.suggestion for f in findings] == [in_order]
    assert apply_fixes(text, findings) == f"我们要{in_order}。"


def test_no_correct_form_is_a_near_miss_of_another():
    """Every standard text of the data checks clean, so the near-miss search cannot cry wolf on
    the standard forms themselves."""
    for entry in FORMULATIONS:
        if "\\" in entry["correct"] or "pattern" in entry:
            continue
        assert check_text(f"我们要{entry['correct']}。", rules=["nonstandard-term"]) == [], entry["correct"]


def test_the_prompts_standard_terms_check_clean():
    """The formulations the drafting model is told to write pass the checker."""
    from shuzhi.drafting.prompts import standard_terms

    for term in standard_terms():
        assert check_text(term, rules=["nonstandard-term"]) == [], term


@pytest.mark.parametrize("candidate, term, expected", [
    ("习近平新时代中国特色的社会主义思想", "习近平新时代中国特色社会主义思想", True),  # inserted
    ("习近平新时代中国特社会主义思想", "习近平新时代中国特色社会主义思想", True),  # dropped
    ("习近平新时代中国特色社会主意思想", "习近平新时代中国特色社会主义思想", True),  # replaced
    ("习近平新时代中国色特社会主义思想", "习近平新时代中国特色社会主义思想", True),  # swapped
    ("习近平新时代中国特色社会主义思想", "习近平新时代中国特色社会主义思想", False),  # the same
    ("习近平新时代中国特色的社会主义的思想", "习近平新时代中国特色社会主义思想", False),  # two edits
    ("纪律检查机关执纪监督工作规则", "纪律检查机关监督执纪工作规则", True),  # two words swapped
    ("纪律检查机关监察监督工作规则", "纪律检查机关监督监察工作规则", True),  # … sharing their first character
    ("党支部规范化标准化建设", "党支部标准化规范化建设", True),  # two words of three characters
    ("党支部规范标准化化建设", "党支部标准化规范化建设", False),  # not a swap of words
    ("把纪律规矩挺在前面", "把纪律和规矩挺在前面", False),  # a conjunction left out of a phrase
    ("坚定中国特色社会主义道路", "坚持中国特色社会主义道路", False),  # another leading verb
    ("建堪当民族复兴重任的高素质干部队伍", "建设堪当民族复兴重任的高素质干部队伍", False),  # cut at the edge: 构建堪当…
    ("习近平法思想", "习近平法治思想", True),  # … inside: a slip
    ("不忘初心，牢记使命", "不忘初心、牢记使命", False),  # a mark, not a word
])
def test_one_edit(candidate, term, expected):
    assert one_edit(candidate, term) is expected


def test_a_conjunction_left_out_of_a_fixed_name_is_an_edit():
    assert one_edit("多党合作政治协商制度", "多党合作和政治协商制度", strict=True)
    assert not one_edit("多党合作政治协商制度", "多党合作和政治协商制度")


def test_near_miss_index_finds_each_span_once_and_never_a_known_form():
    index = NearMissIndex(["习近平法治思想"], known=["习近平法制史"])
    text = "学习习近平法制思想，研究习近平法治思想。"
    assert list(index.find(Haystack(text))) == [(2, 9, "习近平法治思想")]


def test_near_miss_terms_are_the_long_names():
    assert near_form("《中国共产党纪律处分条例》") == "中国共产党纪律处分条例"
    assert near_form("一岗双责") is None  # too short: 一岗多责 is listed instead
    assert near_form("“三会一课”") is None
    assert "习近平新时代中国特色社会主义思想" in compiled().near_entries


def _widest(pattern: str) -> int:
    """At most how many characters a match of ``pattern`` spans with what its lookarounds read
    (each lookaround counted in full, beside the match: an upper bound)."""
    try:
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # Python < 3.11
        import sre_parse as parser  # type: ignore[no-redef]

    def read(tree) -> int:  # what the lookarounds in ``tree`` read beyond its own width
        extra = 0
        for op, arg in tree:
            if op in (parser.ASSERT, parser.ASSERT_NOT):
                extra += arg[1].getwidth()[1] + read(arg[1])
            elif op is parser.SUBPATTERN:
                extra += read(arg[-1])
            elif op is parser.BRANCH:
                extra += max(read(branch) for branch in arg[1])
            elif op in (parser.MAX_REPEAT, parser.MIN_REPEAT):
                extra += read(arg[-1]) * arg[1]
        return extra

    tree = parser.parse(pattern)
    return tree.getwidth()[1] + read(tree)


@pytest.mark.parametrize("entry", [e for e in FORMULATIONS if "reach" in e], ids=lambda e: e["pattern"])
def test_a_pattern_searched_near_its_needles_reaches_no_further(entry):
    """A pattern tried only around its needles (``reach``) would miss a match wider than that."""
    assert _widest(entry["pattern"]) <= entry["reach"]


@pytest.mark.parametrize("text, wrong", [
    ("和第二十大三中全会", "二十大三中全会"),  # the lookbehind before the window, as along the whole text
    ("学习二十大三中全会", "二十大三中全会"),
    ("贯彻落实中央八项规定精神学习教育", "贯彻落实中央八项规定精神学习教育"),
    ("深入学习贯彻中央八项规定精神学习教育", "深入学习贯彻中央八项规定精神学习教育"),
    ("严守八项规定精神", "八项规定精神"),
])
def test_a_pattern_near_its_needles_finds_what_it_finds_along_the_text(text, wrong):
    findings = check_text(text, rules=["nonstandard-term"])
    pattern = next(e["pattern"] for e in FORMULATIONS if "reach" in e and re.search(e["pattern"], text))
    assert [f.text for f in findings] == [m.group() for m in re.finditer(pattern, text)] == [wrong]


@pytest.mark.parametrize("candidate, term", [
    ("中国共产党纪律处分条例处", "中国共产党纪律处分条例"),  # a character added at the end
    ("华中人民共和国突发事件应对法", "中华人民共和国突发事件应对法"),  # swapped at the start
    ("人民共和中华国突发事件应对法", "中华人民共和国突发事件应对法"),  # no single edit: words moved far
])
def test_one_edit_at_either_end_of_a_long_term(candidate, term):
    assert one_edit(candidate, term) is (candidate[:2] != "人民")
    assert one_edit(candidate, term) == _one_edit_slowly(candidate, term)


def _one_edit_slowly(candidate: str, term: str) -> bool:
    """One edit by brute force: every term with one character dropped, inserted (any character
    of the candidate), replaced or two neighbours swapped (words of two or three characters too)."""
    forms = set()
    for i in range(len(term) + 1):
        forms.add(term[:i] + term[i + 1:])
        forms.update(term[:i] + ch + term[i:] for ch in set(candidate))
        forms.update(term[:i] + ch + term[i + 1:] for ch in set(candidate))
        for size in (1, 2, 3):
            block = term[i:i + 2 * size]
            if len(block) == 2 * size:
                forms.add(term[:i] + block[size:] + block[:size] + term[i + 2 * size:])
    forms.discard(term)
    return candidate in forms


def test_needles_found_are_the_needles_in_the_text():
    """Which of many strings occur, told by pairs of characters, is what a plain search says."""
    data = compiled()
    needles = sorted({n for keyed in data.needles.by_key.values() for n, *_ in keyed} | set(data.needles.single))
    rng = random.Random(12)
    for _ in range(30):
        text = "，".join(rng.sample(needles, 20)) + "𠀀中国共产党章程、《中华人民共和国监察法》"
        text = "".join(ch for ch in text if rng.random() > 0.05)  # some broken, some new neighbours
        assert data.needles.present(Haystack(text)) == {n for n in needles if n in text}


def test_a_text_with_a_lone_surrogate_is_checked_like_any_other():
    """A file decoded with its undecodable bytes kept (\\udc80) still gets its findings."""
    findings = check_text("坚持以习近平新时代中国特色的社会主义思想为指导\udc80，𠀀。", rules=["nonstandard-term"])
    assert [f.suggestion for f in findings] == ["习近平新时代中国特色社会主义思想"]


def test_the_matchers_kept_between_runs_are_the_matchers_built():
    """``compiled()`` is read back from the cache after the first run: every field the same, and
    the variants of one list still share one entry (the rule tells them so) — a stale or damaged
    cache would otherwise change what a check finds."""
    from shuzhi.checker.formulations import _build, _from_plain, _to_plain

    built = _build()
    kept = _from_plain(_to_plain(built))
    assert _to_plain(kept) == _to_plain(built)
    assert kept.literals == built.literals and kept.enumerations == built.enumerations
    assert kept.near_entries == built.near_entries and kept.titles == built.titles
    shared = [(i, j) for i, a in enumerate(built.enumerations) for j, b in enumerate(built.enumerations)
              if a.entry is b.entry]
    assert len(shared) > len(built.enumerations)
    assert shared == [(i, j) for i, a in enumerate(kept.enumerations) for j, b in enumerate(kept.enumerations)
                      if a.entry is b.entry]
    assert kept.titles_by_size.terms == built.titles_by_size.terms
    assert compiled().needles.plain() == built.needles.plain()
