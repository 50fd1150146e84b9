import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/services/errors.ts';
import { suggestPeople, who } from '../../src/services/who.ts';
import { sampleLibrary } from '../support/library.ts';

const DAWN = '001_8e048a01d1900005';
const OPED = '000_0e4e78b473eff5e0';

describe('/who on the sample corpus', () => {
  it.each(['Araqchi', 'araghchi', 'Abbas Araghchi', 'Araghchee'])('finds Abbas Araghchi for "%s", with both spellings, his role and both articles', async (query) => {
    const library = await sampleLibrary();
    const answer = who(library, query);
    expect(answer.person?.name).toBe('Abbas Araghchi');
    expect(answer.person?.aliases).toEqual(expect.arrayContaining(['Abbas Araqchi']));
    expect(answer.person?.roles.map((r) => r.text).join(' | ')).toMatch(/Foreign Minister/);
    expect(answer.person?.articles.map((a) => a.id).sort()).toEqual([OPED, DAWN]);
  });

  it('finds Badr al-Busaidi for "Busaidi", with Albusaidi, mediator and Oman’s foreign minister', async () => {
    const library = await sampleLibrary();
    const p = who(library, 'Busaidi').person;
    expect(p?.name).toBe('Badr al-Busaidi');
    expect(p?.aliases).toEqual(expect.arrayContaining(['Badr Albusaidi']));
    const roles = p?.roles.map((r) => r.text.toLowerCase()).join(' | ');
    expect(roles).toMatch(/mediator/);
    expect(roles).toMatch(/oman’s foreign minister/);
  });

  it('finds Brad Cooper as Admiral and head of US Central Command', async () => {
    const library = await sampleLibrary();
    const p = who(library, 'Cooper').person;
    expect(p?.name).toBe('Brad Cooper');
    const roles = p?.roles.map((r) => r.text).join(' | ');
    expect(roles).toMatch(/Admiral/);
    expect(roles).toMatch(/head of US Central Command/);
  });

  it.each(['Witkoff', 'Kushner', 'Trump', 'Qamar Bashir', 'Anwar Iqbal'])('finds %s', async (name) => {
    const library = await sampleLibrary();
    expect(who(library, name).person?.name).toMatch(new RegExp(name.split(' ').at(-1) ?? name));
  });

  it.each(['Khorramshahr', 'Muscat', 'Kremlin', 'Dawn', 'Reuters', 'Revolutionary Guard'])('does not take %s for a person', async (name) => {
    const library = await sampleLibrary();
    expect(who(library, name).person).toBeNull();
  });

  it('cites every role and excerpt with verbatim text of its passage, role statements first', async () => {
    const library = await sampleLibrary();
    const p = who(library, 'Kushner').person;
    expect(p?.roles[0]?.text).toMatch(/son in law and adviser/);
    expect(p?.citations[0]?.excerpt).toContain('Jared Kushner, President Trump’s son in law and adviser');
    for (const c of [...(p?.citations ?? []), ...(p?.roles.map((r) => r.citation) ?? [])]) {
      expect(library.passageById.get(c.passage)?.text).toContain(c.excerpt);
    }
    expect(p?.related.map((r) => r.name)).toContain('Steve Witkoff');
  });

  it('answers nobody, with suggestions, for an unknown name; a blank name is a user error', async () => {
    const library = await sampleLibrary();
    expect(who(library, 'Zelensky').person).toBeNull();
    expect(() => who(library, '   ')).toThrow(UserError);
  });

  it('suggests names for autocomplete by prefix, at most 25', async () => {
    const library = await sampleLibrary();
    expect(suggestPeople(library, 'ara')).toContain('Abbas Araghchi');
    expect(suggestPeople(library, 'kus')).toEqual(['Jared Kushner']);
    expect(suggestPeople(library, '').length).toBeLessThanOrEqual(25);
  });
});
