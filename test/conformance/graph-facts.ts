// Hand-written graph facts for the GraphStore conformance suite: Beijing, Hebei and Inner Mongolia
// hospitals, places joined by PART_OF, dated collaborations with evidence, and figures.
import type { CollaborationKind, Entity, EntityType, Figure, Relation } from '../../extractor/types.ts';
import type { ArticleFacts } from '../../graph/port.ts';

const at = (sentence: number) => ({ sentence, start: sentence * 40, end: sentence * 40 + 20 });

export function ent(id: string, type: EntityType, name: string, extra: Partial<Entity> = {}): Entity {
  return { id, type, name, aliases: [], mentions: [at(0)], confidence: 0.9, ...extra };
}

export const P = {
  beijing: ent('place:110000', 'place', '北京市', { code: '110000', level: 'province', aliases: ['京'] }),
  chaoyang: ent('place:110105', 'place', '朝阳区', { code: '110105', level: 'county' }),
  hebei: ent('place:130000', 'place', '河北省', { code: '130000', level: 'province', aliases: ['冀'] }),
  baoding: ent('place:130600', 'place', '保定市', { code: '130600', level: 'city', aliases: ['保定'] }),
  shijiazhuang: ent('place:130100', 'place', '石家庄市', { code: '130100', level: 'city' }),
  neimenggu: ent('place:150000', 'place', '内蒙古自治区', { code: '150000', level: 'province', aliases: ['内蒙古'] }),
  chifeng: ent('place:150400', 'place', '赤峰市', { code: '150400', level: 'city' }),
};

export const H = {
  bch: ent('hospital:北京儿童医院', 'hospital', '首都医科大学附属北京儿童医院', { aliases: ['北京儿童医院'] }),
  chaoyang: ent('hospital:北京朝阳医院', 'hospital', '首都医科大学附属北京朝阳医院', { aliases: ['朝阳医院'] }),
  bdch: ent('hospital:保定市儿童医院', 'hospital', '保定市儿童医院'),
  hebmu2: ent('hospital:河北医科大学第二医院', 'hospital', '河北医科大学第二医院', { aliases: ['河北医大二院'] }),
  chifeng: ent('hospital:赤峰市医院', 'hospital', '赤峰市医院'),
  bchBaoding: ent('hospital:北京儿童医院保定医院', 'hospital', '北京儿童医院保定医院'),
};

export const O = {
  bjhc: ent('org:北京市卫生健康委员会', 'organization', '北京市卫生健康委员会', { aliases: ['北京市卫健委'] }),
  person: ent('person:王立新', 'person', '王立新', { role: '保定市儿童医院院长' }),
  project: ent('project:京津冀医疗协同', 'project', '京津冀医疗协同发展'),
};

export function rel(type: Relation['type'], a: Entity, b: Entity, sentence: number, evidence: string, extra: Partial<Relation> = {}): Relation {
  return { type, a: a.id, b: b.id, date: null, evidence, provenance: at(sentence), confidence: 0.8, ...extra };
}

export const collab = (a: Entity, b: Entity, kind: CollaborationKind, date: string, sentence: number, evidence: string, directed = true) =>
  rel('collaboration', a, b, sentence, evidence, { kind, date, directed });

export function fig(id: string, metric: string, value: number, unit: string, subject: Entity | null, time: string | null, sentence: number): Figure {
  return {
    id, text: `${metric}${value}${unit}`, value, unit, metric, subjectId: subject?.id ?? null, subject: subject?.name ?? null,
    time, approximate: false, evidence: `${subject?.name ?? ''}${metric}达到${value}${unit}`, provenance: at(sentence), confidence: 0.9,
  };
}

const article = (id: string, published: string, title: string) => ({ id, url: `https://news.example.cn/${id}.html`, title, published, source: '示例日报' });

export const A1: ArticleFacts = {
  article: article('a1', '2015-04-10', '北京儿童医院托管保定市儿童医院'),
  entities: [H.bch, H.bdch, P.beijing, P.baoding, P.hebei, O.person, O.project],
  relations: [
    collab(H.bch, H.bdch, 'trusteeship', '2015-04', 1, '北京儿童医院正式托管保定市儿童医院'),
    rel('located_in', H.bch, P.beijing, 0, '位于北京市的北京儿童医院'),
    rel('located_in', H.bdch, P.baoding, 1, '保定市儿童医院'),
    rel('part_of', P.baoding, P.hebei, 2, '河北省保定市'),
  ],
  figures: [fig('a1-f1', '派驻专家', 12, '人', H.bdch, '2015', 3), fig('a1-f2', '床位', 200, '张', H.bdch, '2015', 4)],
};

export const A2: ArticleFacts = {
  article: article('a2', '2019-06-01', '朝阳医院与河北医大二院共建'),
  entities: [H.chaoyang, H.hebmu2, P.chaoyang, P.beijing, P.shijiazhuang, P.hebei, O.bjhc],
  relations: [
    collab(H.chaoyang, H.hebmu2, 'co-build', '2019-05', 1, '朝阳医院与河北医大二院签约共建心血管专科'),
    collab(H.chaoyang, H.hebmu2, 'remote', '2019-05', 2, '两院开通远程会诊平台', false),
    rel('located_in', H.chaoyang, P.chaoyang, 0, '朝阳区的朝阳医院'),
    rel('part_of', P.chaoyang, P.beijing, 0, '北京市朝阳区'),
    rel('located_in', H.hebmu2, P.shijiazhuang, 1, '石家庄的河北医大二院'),
    rel('part_of', P.shijiazhuang, P.hebei, 1, '河北省石家庄市'),
    rel('located_in', O.bjhc, P.beijing, 3, '北京市卫健委'),
  ],
  figures: [fig('a2-f1', '床位', 500, '张', H.hebmu2, '2019', 3)],
};

export const A3: ArticleFacts = {
  article: article('a3', '2021-09-15', '京蒙协作：北京儿童医院帮扶赤峰'),
  entities: [H.bch, H.chifeng, P.beijing, P.chifeng, P.neimenggu],
  relations: [
    collab(H.bch, H.chifeng, 'assistance', '2021-08', 1, '北京儿童医院对口帮扶赤峰市医院儿科'),
    rel('located_in', H.chifeng, P.chifeng, 0, '赤峰市医院'),
    rel('part_of', P.chifeng, P.neimenggu, 0, '内蒙古赤峰市'),
    rel('located_in', H.bch, P.beijing, 2, '北京儿童医院'),
  ],
  figures: [fig('a3-f1', '诊疗人次', 3000, '人次', H.chifeng, '2021', 2)],
};

export const A4: ArticleFacts = {
  article: article('a4', '2023-02-20', '北京儿童医院保定医院扩建'),
  entities: [H.bchBaoding, H.bch, H.bdch, H.hebmu2, P.baoding, P.hebei],
  relations: [
    rel('branch_of', H.bchBaoding, H.bch, 0, '北京儿童医院保定医院'),
    rel('located_in', H.bchBaoding, P.baoding, 0, '保定的北京儿童医院保定医院'),
    collab(H.bdch, H.hebmu2, 'alliance', '2023-01', 2, '保定市儿童医院加入河北医大二院牵头的医联体'),
  ],
  figures: [fig('a4-f1', '床位', 300, '张', H.bchBaoding, '2023', 1)],
};

export const ALL: ArticleFacts[] = [A1, A2, A3, A4];
