// The name rules on their own: each form Chinese news uses for one institution, and a bad alias file refused.
import { describe, expect, it } from 'vitest';
import { AliasBook, AliasFileError, branchOf, fullCityName, fullProvinceName, bundledAliases, locationFromName, parseAliasFile, stripAffiliation, stripWiderPlace } from './names.ts';

describe('name rules', () => {
  it('drops a university affiliation only when a full hospital name follows', () => {
    expect(stripAffiliation('首都医科大学附属北京天坛医院')?.name).toBe('北京天坛医院');
    expect(stripAffiliation('天津医科大学第二附属医院唐山医院')).toBeNull(); // no full name after the university
    expect(stripAffiliation('内蒙古医科大学附属医院')).toBeNull();
    expect(stripAffiliation('北京大学第一医院')).toBeNull();
    expect(stripAffiliation('首都医科大学附属北京儿童医院保定医院')?.name).toBe('北京儿童医院保定医院');
  });

  it('drops a province written before a city or county inside it, not a district short form', () => {
    expect(stripWiderPlace('河北省沧州市中心医院')?.name).toBe('沧州市中心医院');
    expect(stripWiderPlace('雄安新区容城县人民医院')?.name).toBe('容城县人民医院');
    expect(stripWiderPlace('北京朝阳医院')).toBeNull(); // 朝阳 is the hospital's name here, not 朝阳区 written in full
    expect(stripWiderPlace('内蒙古自治区人民医院')).toBeNull();
  });

  it('restores the 市 of a prefecture-level city before its own hospitals and bodies, and nowhere else', () => {
    expect(fullCityName('邯郸第三医院', 'hospital')?.name).toBe('邯郸市第三医院');
    expect(fullCityName('邯郸中心医院', 'hospital')?.step.rule).toBe('city-full-name');
    expect(fullCityName('乌海人民医院', 'hospital')?.name).toBe('乌海市人民医院');
    expect(fullCityName('邯郸卫生健康委员会', 'organization')?.name).toBe('邯郸市卫生健康委员会');
    expect(fullCityName('哈密第二人民医院', 'hospital')?.name).toBe('哈密市第二人民医院');
    expect(fullCityName('阿拉善中心医院', 'hospital')?.name).toBe('阿拉善盟中心医院');
    expect(fullCityName('阿里人民医院', 'hospital')?.name).toBe('阿里地区人民医院');
    expect(fullCityName('和田人民医院', 'hospital')).toBeNull(); // 和田地区 or its city 和田市: both have one
    expect(fullCityName('邯郸市第三医院', 'hospital')).toBeNull(); // already in full
    expect(fullCityName('天津第三中心医院', 'hospital')).toBeNull(); // a provincial-level city: its hospitals are named without 市
    expect(fullCityName('广安门医院', 'hospital')).toBeNull(); // 广安 starts a word here, not 广安市
    expect(fullCityName('邯郸学院附属医院', 'hospital')).toBeNull(); // a college's hospital: a name of its own
    expect(fullCityName('邯郸钢铁集团医院', 'hospital')).toBeNull(); // not a kind of city institution: left as written
    expect(fullCityName('邯郸中西医结合医院', 'hospital')).toBeNull(); // official names of this kind often lack 市
    expect(fullCityName('邯郸第三医院', 'organization')).toBeNull(); // a hospital's name is no government body's
    expect(stripWiderPlace('河北省邯郸第三医院')?.name).toBe('邯郸第三医院'); // then fullCityName completes it
  });

  it("names a government body's province in full, never a hospital's", () => {
    expect(fullProvinceName('内蒙古卫生健康委员会', 'organization')?.name).toBe('内蒙古自治区卫生健康委员会');
    expect(fullProvinceName('河北省卫生健康委员会', 'organization')).toBeNull();
    expect(fullProvinceName('河北燕达医院', 'hospital')).toBeNull();
    expect(fullProvinceName('宁夏医科大学', 'organization')).toBeNull();
  });

  it('places a branch at its own place and names its parent; other names where they start', () => {
    expect(branchOf('天津市肿瘤医院秦皇岛医院')).toMatchObject({ parent: '天津市肿瘤医院', place: { code: '130300' } });
    expect(branchOf('北京大学第三医院崇礼院区')).toMatchObject({ parent: '北京大学第三医院', place: { code: '130709' } });
    expect(branchOf('北京朝阳医院')).toBeNull();
    expect(locationFromName('北京大学肿瘤医院内蒙古医院')?.code).toBe('150000');
    expect(locationFromName('沧州市中心医院')?.code).toBe('130900');
    expect(locationFromName('中国医学科学院肿瘤医院')).toBeNull();
  });

  it('reads the reviewed alias file: short names, old names, renames by reform', () => {
    const book = new AliasBook(bundledAliases());
    expect(book.lookup('北医三院')?.entry.name).toBe('北京大学第三医院');
    expect(book.lookup('301医院')?.entry.name).toBe('中国人民解放军总医院');
    expect(book.lookup('协和')?.step.rule).toBe('alias-file:short-name');
    expect(book.lookup('保定市儿童医院')?.step.rule).toBe('alias-file:old-name');
    expect(book.rename('沧州市卫生和计划生育委员会', 'organization')?.name).toBe('沧州市卫生健康委员会');
    expect(book.rename('沧州市卫生和计划生育委员会', 'hospital')).toBeNull();
  });

  it('refuses an alias file naming two institutions with one alias, or malformed, with the reason', () => {
    const entry = (name: string, form: string) => ({ name, type: 'hospital', aliases: [{ form, kind: 'short-name', note: 'x' }] });
    expect(() => parseAliasFile({ about: '', institutions: [entry('甲市第一医院', '一院'), entry('乙市第一医院', '一院')], renames: [] }))
      .toThrow(/一院 names both 甲市第一医院 and 乙市第一医院/);
    const bad = (() => { try { parseAliasFile({ about: '', institutions: [{ name: '甲医院', type: 'clinic', aliases: [] }], renames: [] }); } catch (e) { return e; } })();
    expect(bad).toBeInstanceOf(AliasFileError);
    expect((bad as AliasFileError).code).toBe('ALIAS_FILE_INVALID');
    expect(() => parseAliasFile({ about: '', institutions: [], renames: [], extra: 1 })).toThrow(AliasFileError);
  });
});
