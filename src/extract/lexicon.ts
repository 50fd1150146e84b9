/**
 * Word lists for the rule-based person and quote extractors: titles and roles, organisation and
 * place heads, function words, speech verbs, and the given-name and name-part lexicons of
 * src/extract/data/ (see its README for where they come from). General English knowledge only:
 * no entry names a person or a place of any particular corpus.
 */
import { readFileSync } from 'node:fs';

function words(list: string): Set<string> {
  return new Set(list.split(/\s+/).filter((w) => w !== ''));
}

function loadList(name: string): Set<string> {
  const text = readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8');
  return new Set(text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')));
}

let givenNames: Set<string> | null = null;
let nameWords: Set<string> | null = null;
let commonWords: Set<string> | null = null;
let placeNames: Set<string> | null = null;
let nationalities: Set<string> | null = null;

function union(a: Set<string>, b: Set<string>): Set<string> {
  for (const x of b) a.add(x);
  return a;
}

/** Given names ("Abbas", "Brad", "Agnieszka"), as written with their capital. Loaded on first use. */
export function givenNameSet(): Set<string> {
  givenNames ??= union(loadList('given-names.txt'), loadList('faker-given-names.txt'));
  return givenNames;
}

/** Name parts, given names and surnames mixed (weak evidence: it holds place names too). */
export function nameWordSet(): Set<string> {
  nameWords ??= union(loadList('name-words.txt'), loadList('faker-surnames.txt'));
  return nameWords;
}

/** Common English words (SCOWL levels 10–35), lower case: "ring", "home", "stone". */
export function commonWordSet(): Set<string> {
  commonWords ??= loadList('common-words.txt');
  return commonWords;
}

/** Countries, capitals, provinces and cities of 50,000 people or more, as written ("Chiang Mai"). */
export function placeNameSet(): Set<string> {
  placeNames ??= loadList('places.txt');
  return placeNames;
}

/** Nationality adjectives ("Brazilian", "Dutch"), as written, with their plurals in -s. */
export function nationalitySet(): Set<string> {
  if (!nationalities) {
    nationalities = loadList('nationalities.txt');
    for (const w of words('English Scottish Scots Welsh European African Asian Arab Arabic Persian Kurdish Latin Hispanic Slavic Nordic Scandinavian Caribbean Baltic Korean Soviet Yugoslav Basque Catalan Flemish Bavarian Prussian Argentine Pashtun Punjabi Tamil Bengali Hindu Sikh Muslim Christian Jewish Catholic Protestant Western Eastern Latino Texan Californian Iberian Balkan Celtic Gaelic Roman Byzantine Ottoman Mughal Aztec Maori Aboriginal Anglo Franco Sino Indo')) nationalities.add(w);
    for (const w of [...nationalities]) if (/(?:an|i)$/u.test(w)) nationalities.add(`${w}s`);
  }
  return nationalities;
}

/** Company-form suffixes and words that end organisation names ("GmbH", "Inc", "FC"). As written. */
export const CORPORATE_SUFFIXES = words(`
  Inc Inc. Ltd Ltd. Corp Corp. Co Co. LLC LLP PLC Plc plc GmbH AG SA S.A. NV N.V. BV B.V. SpA S.p.A.
  Pty AB ASA Oy KK Bhd Tbk SE SAS SARL Srl S.r.l. LP L.P. FC F.C. AFC CF SC AC Group Holdings
`);

/**
 * Lower-case nouns for people ("pianist", "waitress", "brother"): a capitalised name right after one
 * is a person ("the pianist András", "his brother Konstanty"). Words ending in -ist count too.
 */
export const PERSON_NOUNS = words(`
  man woman boy girl men women boys girls child baby gentleman lady people person
  son daughter wife husband brother sister mother father grandfather grandmother uncle aunt cousin
  nephew niece grandson granddaughter widow widower fiancé fiancée fiance fiancee girlfriend boyfriend
  stepfather stepmother stepson stepdaughter half-brother half-sister in-law
  owner waitress waiter teacher student pupil singer dancer painter sculptor drummer trumpeter
  saxophonist puncher boxer wrestler fighter swimmer runner sprinter skier cyclist rider driver
  jockey golfer batter catcher shortstop pitcher outfielder infielder linebacker receiver
  teammate countryman countrywoman compatriot warlord rookie veteran newcomer nominee laureate
  actor actress comedian musician rapper producer photographer designer architect engineer
  farmer merchant priest monk nun poet playwright novelist warrior soldier sailor pilot
  doctor nurse surgeon lawyer judge banker trader businessman businesswoman entrepreneur
  mentor coach trainer manager striker winger captain skipper chef baker tailor prisoner
  suspect victim defendant plaintiff witness hostage detainee survivor fan supporter
  founder co-founder inventor explorer missionary scholar philosopher theologian mathematician
  astronomer biologist physician pharmacist dentist professor lecturer tutor apprentice
  spokesman spokeswoman spokesperson colleague partner friend lover rival opponent challenger
  king queen prince princess emperor empress pope saint
`);

/** Verbs and phrases before a name that make it a person ("née Stone", "named Breana Symone"). */
export const PERSON_BEFORE = words('née nee named nicknamed married marrying wed widow');

/** Verbs after a capitalised subject that only people do ("Budjana moved", "Cowley died"). */
export const PERSON_VERBS = words(`
  died dies married marries divorced retired retires resigned resigns starred stars sang sings
  graduated graduates studied studies enrolled wrote writes composed composes painted paints
  smiled smiles laughed laughs cried wept sighed nodded shrugged admitted admits apologised
  apologized apologises apologizes recalled recalls decided decides learned learnt learns
  recognized recognised realized realised thought thinks believed believes hoped hopes felt feels
  loved loves hated hates wanted wants grew grows
  scored scores pitched homered batted bowled dribbled punched knocked
  coached coaches captained captains
`);

/** Courtesy titles: evidence of a person, not a role. Lower case, without the dot. */
export const HONORIFICS = words('mr mrs ms miss mx dr sir dame lord lady madam mme mlle messrs herr');

/** Nouns of office or occupation that stand before a name ("Admiral", "Foreign Minister", "striker"). */
export const TITLE_HEADS = words(`
  president minister secretary envoy ambassador admiral general gen lieutenant lt colonel col major maj
  captain capt sergeant sgt commander cmdr adm corporal cpl private pvt marshal brigadier commodore
  senator sen representative rep congressman congresswoman congressmember assemblyman assemblywoman
  governor gov mayor judge justice chancellor king queen prince princess emperor empress sultan emir
  sheikh shaikh ayatollah imam mullah pope cardinal bishop archbishop reverend rev father pastor rabbi
  chairman chairwoman chairperson chair director spokesman spokeswoman spokesperson coach manager
  mediator inspector detective constable superintendent supt officer agent professor prof
  councillor councilor councilman councilwoman speaker premier commissioner attorney prosecutor
  president-elect vice-president chief ceo founder co-founder actor actress singer rapper guitarist
  drummer bassist pianist player striker midfielder defender goalkeeper forward quarterback pitcher
  batsman bowler captain journalist writer author poet novelist composer producer filmmaker lawmaker
  legislator diplomat negotiator adviser advisor aide official host presenter anchor correspondent
  reporter editor columnist economist analyst scientist researcher physicist chemist historian
  lawyer barrister solicitor candidate nominee challenger incumbent rival opponent leader head
  boss deputy consul magistrate sheriff warden trustee treasurer comptroller auditor fr
  prime-minister premier-elect crown-prince
`);

/** Words that qualify a title without being one ("Foreign", "Special", "former"). */
export const TITLE_MODIFIERS = words(`
  foreign defence defense interior finance economy economic trade state home health education justice
  energy oil petroleum labour labor culture transport agriculture environment security intelligence
  special senior former acting top then late outgoing incoming interim deputy vice prime first lady
  supreme grand crown executive managing general principal chief assistant associate national
  federal regional provincial district county city military armed naval navy army air force
  opposition ruling party union majority minority junior lead head presidential royal
  of the
`);

/** Last words of organisation, facility, event and place names ("Council", "Times", "Street"). */
export const ORG_HEADS = words(`
  house department ministry council committee guard guards command agency office party army forces
  force navy times post news press herald tribune journal gazette telegraph chronicle observer
  guardian mail express mirror daily weekly magazine review bank company co corp corporation inc
  ltd llc plc group holdings university college school academy institute institution association
  union court parliament senate congress assembly commission embassy consulate organisation
  organization foundation center centre hospital clinic church cathedral mosque temple club team fc
  united city county state states republic kingdom empire province region district street road
  avenue boulevard square bridge river lake sea ocean gulf bay mountain mountains hill hills island
  islands airport station port harbour harbor award awards prize cup league championship
  championships tournament festival museum gallery library hotel records studios studio
  entertainment network channel tv radio broadcasting television films pictures productions media
  stadium arena park palace castle tower building hall theatre theater church valley desert canyon
  coast peninsula strait straits canal railway railways airlines airways motors industries systems
  technologies services software electronics energy petroleum oil gas fund trust society alliance
  coalition movement front brigade brigades battalion regiment division corps fleet squadron
  police ministry cabinet government administration authority authorities board bureau service
  program programme project treaty accord agreement act bill law war battle revolution olympics
  games series show album single song film novel book opera symphony band orchestra choir
  company's nations council's beach dock docks brook creek reservoir mall playfield gym rink exchange
  conference lounge casino highway freeway expressway parkway lane drive trail pass sentinel metro
  connector design designs cups diocese village town township borough parish valley falls spring
  springs ridge heights gardens garden woods forest field fields grounds pier wharf canal junction
  rays jets bears bulls lions tigers eagles hawks giants rangers kings saints pirates raiders
  warriors knights rovers wanderers athletic athletics sports motorsport racing poker labs lab
  institute clinic pharmacy market markets store stores shop restaurant cafe bar pub inn resort
  scouts fellow fellowship scholarship lecture medal trophy classic open marathon derby grand prix
  catholic protestant orthodox baptist methodist anglican lutheran islamic muslim jewish christian
  language languages dialect script calendar era dynasty
`);

/** Capitalised words that begin sentences or headings but are not names. Lower case. */
export const STOP_CAPS = words(`
  a an the this that these those there here it its i we you he she they his her their our my your
  me him us them who whom whose what which when where why how if then than but and or nor so yet for
  of in on at to from by with without within into onto upon over under after before during since
  until while as about above below between among across against along around behind beyond near
  not no yes all any both each every few many most much more less some such only just even also
  still already again ever never always often sometimes perhaps maybe however meanwhile moreover
  although though because unless whether instead rather later earlier today tomorrow yesterday
  tonight now once twice being been was were is are am be has have had do does did will would shall
  should can could may might must let let's please thanks thank hello dear sir madam
  one two three four five six seven eight nine ten first second third last next new old
  monday tuesday wednesday thursday friday saturday sunday
  january february march april may june july august september october november december
  spring summer autumn fall winter christmas easter ramadan eid
  god allah lord jesus christ
  mr mrs ms dr
  north south east west northern southern eastern western central
  breaking update updated read watch see photo video editorial opinion analysis comment
  chapter part section table figure page note notes
`);

/** Month names: "May" the month is no person. Lower case. */
export const MONTHS = words('january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec');

/** Given names that are also everyday English words; they need a surname or a title to count. */
export const AMBIGUOUS_GIVEN = words(`
  april august may june art bill chase dawn don earl faith frank gay grace grant guy hope hunter jack
  joy lane mark miles page pat rich rose will summer autumn winter sunny sky star river rock stone
  ray sterling young little long rain storm bay glen dale cliff wood woods forest heath mercy
  honor honour patience prudence charity constance justice king prince princess duke baron major
  general marshal bishop judge carter cook baker mason miller taylor fisher hunter porter
  price rice bush wells banks hill hall ford lincoln washington jordan israel georgia virginia
  carolina paris london chad sydney victoria florence adelaide austin dallas houston denver
  brooklyn china india kenya asia africa america independence liberty unity
  new north south east west
`);

/** Particles inside names ("Badr al-Busaidi", "Ludwig van Beethoven"). Lower case. */
export const NAME_PARTICLES = words('al el bin bint ibn ben abu de da di del della dos das du van von der den ter la le y zu');

/** Name suffixes ("Jr.", "III"). */
export const NAME_SUFFIXES = words('jr sr ii iii iv v');

/** Countries, regions and large cities often written alone as a sentence subject. */
export const PLACES = words(`
  afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas
  bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil
  brunei bulgaria burkina burundi cambodia cameroon canada chad chile china colombia comoros congo
  croatia cuba cyprus czechia denmark djibouti dominica ecuador egypt eritrea estonia eswatini
  ethiopia fiji finland france gabon gambia georgia germany ghana greece grenada guatemala guinea
  guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan
  jordan kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan laos latvia lebanon lesotho
  liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta
  mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique
  myanmar burma namibia nauru nepal netherlands holland nicaragua niger nigeria norway oman pakistan
  palau palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa
  senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden
  switzerland syria taiwan tajikistan tanzania thailand togo tonga tunisia turkey turkiye
  turkmenistan tuvalu uganda ukraine uae uk usa us britain england scotland wales uruguay
  uzbekistan vanuatu vatican venezuela vietnam yemen zambia zimbabwe europe asia africa america
  americas antarctica arctic gaza westbank crimea donbas kashmir tibet xinjiang hormuz
  tehran washington moscow beijing london paris berlin rome madrid tokyo delhi islamabad karachi
  lahore kabul baghdad damascus beirut cairo riyadh jeddah doha dubai abudhabi muscat ankara
  istanbul jerusalem kyiv kiev minsk warsaw vienna geneva brussels amsterdam stockholm oslo
  helsinki copenhagen athens lisbon dublin ottawa toronto sydney melbourne canberra seoul
  pyongyang manila jakarta bangkok hanoi singapore taipei shanghai mumbai kolkata dhaka colombo
  kathmandu nairobi lagos abuja johannesburg pretoria addis khartoum tripoli tunis algiers rabat
  caracas havana lima bogota santiago brasilia mexico chicago boston houston dallas atlanta miami
  seattle denver phoenix detroit philadelphia baltimore manhattan brooklyn california texas
  florida ohio michigan virginia carolina alabama arizona
`);

/** Verbs that report speech or writing ("said", "told", "insisted"). Lower case. */
export const SPEECH_VERBS = words(`
  said says say saying told tells tell telling added adds adding insisted insists insisting stressed
  stresses stressing warned warns warning demanded demands urged urges urging described describes
  describing called calls calling explained explains explaining declared declares declaring
  announced announces argued argues arguing asserted asserts claimed claims claiming wrote writes
  writing tweeted posted replied replies responded responds asked asks acknowledged acknowledges
  admitted admits promised promises vowed vows pledged pledges suggested suggests recalled recalls
  concluded concludes emphasised emphasized emphasises emphasizes emphasising emphasizing remarked
  reiterated reiterates confirmed confirms denied denies noted notes noting observed observes
  commented comments complained complains praised praises hailed hails criticised criticized
  condemned condemns accused accuses cautioned cautions predicted predicts quipped joked boasted
  conceded concedes agreed agrees maintained maintains contended contends countered counters
  shouted yelled whispered announced stated states stating labelled labeled termed dubbed branded
  referred referring
`);

/** Nouns of things that speak in print: documents and statements ("the alert said"). */
export const DOCUMENT_NOUNS = words(`
  alert statement report letter memo memorandum notice advisory warning communique communiqué
  document filing complaint indictment ruling verdict decree order resolution declaration
  announcement release post tweet message email e-mail note study survey paper editorial article
  guidance bulletin directive circular notification text transcript lawsuit petition motion
`);

/** Nouns of groups and bodies that speak ("the ministry said"). */
export const BODY_NOUNS = words(`
  ministry government embassy agency office department council committee commission court company
  firm group organisation organization party army military police kremlin palace administration
  authority authorities campaign union federation league bank board bureau cabinet parliament
  senate congress regime coalition alliance movement spokesman spokeswoman spokesperson
`);
