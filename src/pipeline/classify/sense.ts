/**
 * Features that tell a word's sense and a text's kind (issue 16), beyond its single words.
 *
 * "hacking", "breach" and "attack" are the strongest security words and each has everyday senses:
 * a phone-hacking trial, a man hacked to death, growth hacking, a breach of contract, a heart
 * attack. Single words cannot tell them apart; three things can, and each becomes a feature the
 * model weighs:
 * - the words around it: "hacked to death" and "hacking into a server" differ in what follows the
 *   verb (features.ts: word + preposition + next word, `hack>into>server`);
 * - whether the text is about computing at all: `sense:hack|it` when a computing word (server,
 *   password, malware, account…) appears anywhere in the item, `sense:hack|none` when none does;
 * - the text's shape: a question, a first-person post, a podcast episode number, a Reddit footer.
 *   These say what *kind* of item it is (a career question, a show, a job ad) whatever its topic.
 */
import type { Stem } from './features.js';
import { boundedMemo } from './memo.js';

/** Words with security and everyday senses. Keys: the sense feature's name. */
const AMBIGUOUS: Record<string, readonly string[]> = {
  hack: ['hack', 'hacks', 'hacked', 'hacking', 'hacker', 'hackers'],
  breach: ['breach', 'breaches', 'breached', 'breaching'],
  attack: ['attack', 'attacks', 'attacked', 'attacker', 'attackers', 'attacking'],
  exploit: ['exploit', 'exploits', 'exploited', 'exploiting', 'exploitation'],
  leak: ['leak', 'leaks', 'leaked', 'leaking'],
  virus: ['virus', 'viruses', 'worm', 'worms', 'trojan', 'infection', 'infected'],
  ransom: ['ransom', 'ransoms', 'extortion', 'extort', 'extorted'],
  spy: ['spy', 'spies', 'spying', 'espionage', 'surveillance'],
  theft: ['theft', 'stole', 'stolen', 'steal', 'steals', 'heist', 'drained', 'robbed', 'robbery'],
  fraud: ['fraud', 'scam', 'scams', 'scammer', 'scammers', 'fraudster', 'fraudsters', 'con'],
  security: ['security', 'secure', 'securing', 'protection', 'safety', 'safe'],
  crypto: ['crypto', 'cryptocurrency', 'bitcoin', 'ethereum', 'token', 'tokens', 'stablecoin', 'defi', 'blockchain'],
  bug: ['bug', 'bugs', 'flaw', 'flaws', 'patch', 'patches', 'patched', 'fix', 'fixes', 'fixed'],
  threat: ['threat', 'threats', 'threatened', 'threatening', 'vulnerable', 'vulnerability', 'risk', 'risks'],
};

/**
 * Words that put a text in computing: the systems, data and accounts an intrusion is about, and
 * the unambiguous vocabulary of security itself. Deliberately without "phone" (phone hacking is a
 * tabloid crime), "system" (justice system, immune system), "contract" (breach of contract, and a
 * smart contract is rare enough) and "exchange" (stock exchanges).
 */
const COMPUTING = `computer computers network networks server servers database databases data account accounts password
passwords credential credentials email emails software app apps application applications website websites online internet
cyber cyberattack cyberattacks cybersecurity cybercriminal cybercriminals malware ransomware spyware phishing botnet
cloud device devices firmware router routers login logins encryption encrypted vpn browser browsers smartphone smartphones
laptop laptops wi-fi wifi bluetooth chip chips api apis code source-code github npm pypi repository repositories
vulnerability vulnerabilities cve exploit zero-day patch patched infostealer stealer backdoor backdoors rootkit
wallet wallets protocol protocols linux windows android ios macos microsoft
google apple amazon aws azure kubernetes docker saas digital dns ip endpoint endpoints`.split(/\s+/);

/**
 * Words of a text about something other than computing that shares the ambiguous words: violence,
 * the body, sport, contracts and employment, markets. Their presence is a second, independent
 * hint (`sense:hack|off`), so a text that names both a server and a machete can weigh both.
 */
const OFF_DOMAIN = `death dead died killed killing murder murdered machete knife stabbed stabbing shot shooting police
officer officers assault assaulted victim's funeral heart stroke cancer patient doctors hospital-bed disease vaccine
flu covid outbreak match goal goals striker midfielder defender league coach season football soccer rugby cricket
tennis basketball game games gaming gamer gamers cheat cheating cheats speedrun tabloid newspaper newspapers
journalist journalists phone-hacking voicemail voicemails royal prince celebrity celebrities trial actor actress drama
series episode film movie tv netflix contract contracts tribunal employer employee employees dismissal dismissed
disciplinary hr workplace tariff tariffs growth marketing startup hack-day hackathon reward rl lifehack productivity
garden recipe diet sleep fitness dam levee flood river ceasefire troops army soldiers military missile missiles
drone drones strike strikes bombing shelling price prices rally market markets stocks shares investors etf etfs
trading traders dip dca token tokens treasury treasuries`.split(/\s+/);

/**
 * Security's own vocabulary, words that are about security in every sense they have. How many of
 * them an item uses (`sec:`, `tsec:` for the headline) generalises where single words cannot: an
 * item about ETFs or a game patch uses none, whatever new words it brings. Also the names of
 * security roles, product categories and compliance frameworks (CISO, MDR, CMMC…): a vendor's
 * ranking or a compliance guide uses no threat word. Left out because a stem has an everyday
 * sense: "carding" (card), "SOAR" (prices soar), "post-quantum" (post).
 */
const SECURITY = `malware ransomware phishing phish vulnerability vulnerabilities cve cveid zero-day 0-day exploit exploited
exploits hacker hackers hacked hacking cyberattack cyberattacks cybersecurity cyber infosec infostealer stealer botnet
backdoor trojan spyware rootkit apt threat-actor attacker attackers ddos breach breached breaches leak leaked
exfiltration exfiltrated intrusion compromise compromised incident advisory advisories cisa ncsc enisa patch patched
unpatched password passwords credential credentials authentication mfa 2fa encryption encrypted firewall soc siem edr
xdr pentest pentesting penetration red-team blue-team scam scams scammer fraud fraudsters espionage surveillance
privacy deepfake extortion sanctions sanctioned forensic forensics dfir detection detections threat threats
vulnerable insecure secure security cryptojacking typosquatting supply-chain injection xss rce csrf ssrf
deserialization privilege escalation sandbox jailbreak prompt-injection honeypot ioc iocs ttps mitre
hardening hardened mitigation mitigations aslr kaslr fuzzing fuzzer use-after-free reverse-engineering
stalkerware doxxing deanonymize deanonymise impersonation skimmer skimming biometric biometrics
adware keylogger wiper malvertising smishing vishing spoofing spoofed sextortion clickjacking cybercrime
cybercriminal cybercriminals cyberespionage hacktivist hacktivists antivirus drainer drainers opsec osint
ciso cisos vciso mdr ndr itdr cnapp cspm dspm ztna sase casb dlp waf mssp mssps tprm grc pki passkey passkeys
nist cmmc fedramp hipaa gdpr ccpa nis2 ferpa coppa cryptography cryptographic`.split(/\s+/);

/** What the lexicons say of one stem. */
interface StemSense {
  /** The ambiguous word family it belongs to. */
  family: string | undefined;
  computing: boolean;
  offDomain: boolean;
  security: boolean;
}

export interface SenseLexicon {
  /** Stem → the ambiguous word family it belongs to. */
  ambiguous: Map<string, string>;
  computing: Set<string>;
  offDomain: Set<string>;
  security: Set<string>;
  /** The four above in one map (one look-up a word instead of four: this runs on every word). */
  senses: Map<string, StemSense>;
}

const lexicons = new WeakMap<Stem, SenseLexicon>();

/** The lexicons in the stems features.ts produces (stemmed once per stemmer). */
export function senseLexicon(stem: Stem): SenseLexicon {
  let lexicon = lexicons.get(stem);
  if (lexicon === undefined) {
    const stemOf = (word: string) => (/\d/.test(word) ? word : stem(word));
    const ambiguous = new Map<string, string>();
    for (const [family, words] of Object.entries(AMBIGUOUS)) for (const word of words) ambiguous.set(stemOf(word), family);
    const computing = new Set(COMPUTING.flatMap((w) => w.split('-')).map(stemOf));
    const offDomain = new Set(OFF_DOMAIN.flatMap((w) => w.split('-')).map(stemOf));
    const security = new Set(SECURITY.flatMap((w) => w.split('-')).filter((w) => !['actor', 'team', 'chain', 'red', 'blue', 'supply', 'prompt', 'zero', 'day'].includes(w)).map(stemOf));
    const senses = new Map<string, StemSense>();
    for (const stem of [...ambiguous.keys(), ...computing, ...offDomain, ...security]) {
      senses.set(stem, { family: ambiguous.get(stem), computing: computing.has(stem), offDomain: offDomain.has(stem), security: security.has(stem) });
    }
    lexicon = { ambiguous, computing, offDomain, security, senses };
    lexicons.set(stem, lexicon);
  }
  return lexicon;
}

/**
 * `sense:<family>|it` / `|none`, and `|off` when an off-domain word is present, for each ambiguous
 * family the item's words use; how much computing vocabulary the item has (`it:0`, `it:1`, `it:2+`);
 * how many distinct security words it has (`sec:0`…`sec:3`) and its headline has (`tsec:0`…`tsec:2`). The family's own words do not count as its context ("hackers hacked" is not context).
 */
export function senseFeatures(title: readonly string[], summary: readonly string[], lexicon: SenseLexicon): string[] {
  const families = new Set<string>();
  const computing = new Set<string>();
  let offDomain = false;
  const security = new Set<string>();
  let titleSecurity = 0;
  for (const stems of [title, summary]) {
    for (const s of stems) {
      const sense = lexicon.senses.get(s);
      if (sense === undefined) continue;
      if (sense.family !== undefined) families.add(sense.family);
      if (sense.computing) computing.add(s);
      if (sense.offDomain) offDomain = true;
      if (sense.security && !security.has(s)) {
        security.add(s);
        if (stems === title) titleSecurity++;
      }
    }
  }
  const out: string[] = [`it:${computing.size >= 2 ? '2+' : computing.size}`, `sec:${Math.min(security.size, 3)}`, `tsec:${Math.min(titleSecurity, 2)}`];
  for (const family of families) {
    let context = 0;
    for (const s of computing) if (lexicon.ambiguous.get(s) !== family) context++;
    out.push(`sense:${family}|${context > 0 ? 'it' : 'none'}`);
    if (offDomain) out.push(`sense:${family}|off`);
  }
  return out;
}

const QUESTION_START = /^(?:how|what|why|which|where|who|when|is|are|can|could|should|would|does|do|did|any|anyone|has|have|need|looking for|help)\b/i;
const FIRST_PERSON = /(?:^|[^\p{L}])(?:i|i'm|i’m|i've|i’ve|my|me|we're|we’re)(?=$|[^\p{L}])/iu;
const EPISODE = /(?:\bep(?:isode)?\.?\s*#?\d+|\bs\d{1,2}e\d{1,2}\b)/i;
/**
 * A bare issue number ("No. 508", "Issue 88", "Vol. 3", "#412"): newsletters number their issues
 * as shows number episodes, so it is its own feature, weighed by the words around it, rather than
 * a podcast's mark (a newsletter of security news is relevant, a show is not).
 */
const ISSUE = /\bno\.\s*\d+\b|\bissue\s*#?\d+\b|\bvol(?:ume)?\.?\s*\d+\b|#\d{2,}\b/i;
const REDDIT = /\bsubmitted by\s+\/u\//i;
/** The footer Reddit's feeds add to every post, and the bare link a link post may carry before it. */
const REDDIT_FOOTER = /\s*submitted by\s+\/u\/[\w-]+\s*(?:\[link\])?\s*(?:\[comments\])?\s*$/i;
const BARE_LINKS = /^\s*(?:https?:\/\/\S+\s*)*$/i;

/**
 * A summary without Reddit's "submitted by /u/… [link] [comments]" footer, for the model's words:
 * the footer's words and the poster's name say nothing about the post, and the words it shares
 * with every forum question taught the model that a link to a disclosure is a question too.
 * Whether it was a forum post stays a shape feature (`shape:reddit` or `shape:link-post`).
 */
export function forumBody(summary: string): string {
  if (!summary.includes('/u/')) return summary;
  return withoutFooter(summary);
}

/**
 * Each call of `replace` makes a new string, and features.ts remembers a text's analysis by the
 * string: a forum post's body was analysed anew at each read of one item (its features, then each
 * head's evidence). The same summary now gives the same body string (a few recent ones are kept).
 */
const withoutFooter = boundedMemo(4, (summary) => summary.replace(REDDIT_FOOTER, ''));

const PIPE_SUFFIX = /\s[|–—-]\s[\p{Lu}][\p{L}\d.&' ]{1,30}$/u;
const MONEY = /[$€£¥]\s?\d|\b\d+(?:\.\d+)?\s?(?:million|billion|m|bn)\b/i;
/**
 * A forum post asking for help, read from the opening of its body: many self-posts reach a feed
 * without the Reddit footer, but open with a greeting or ask the readers something ("any
 * recommendations?", "what would you suggest"). Reports and write-ups do neither.
 */
const ASK_OPENING = /^\W*(?:hi|hello|hey|hiya|greetings)\b(?! world)/i;
const ASK = /\b(?:any (?:suggestions|recommendations|advice|tips|ideas|thoughts)\b|what (?:would|do) you (?:suggest|recommend|guys|all|think)\b|(?:would|I'd) (?:appreciate|love) (?:any |some )?(?:advice|input|feedback|help|suggestions)\b|thanks in advance\b|does any(?:one|body)\b|has any(?:one|body)\b|is there any(?:one|body)\b|can any(?:one|body)\b|anyone (?:else|here|know|have|using)\b|I(?:'m|’m| am) (?:looking for|wondering|curious|trying to (?:understand|figure))\b)/i;
/** Characters of the summary read for ASK: a question is asked in the opening lines. */
const ASK_WINDOW = 400;
/**
 * A roundup or newsletter issue: "A week in security", "Last Week in Security", "Monthly news",
 * "In Other News", "weekly digest", "Newsletter #12". Whether it is relevant depends on what it
 * rounds up (security news: yes; a podcast episode: no), which the model weighs with the words.
 */
const ROUNDUP = /\b(?:week|month|year)\s+in\s+(?:security|review|cyber\w*|infosec|privacy|scams|threats?)\b|\b(?:weekly|monthly|daily)\s+(?:news|round-?up|digest|recap|briefing|update|brief)\b|\bmonthly news\b|\bnewsletter\b|\bround-?up\b|\bthis week in\b|\bin other news\b|\bweek \d{1,2}\b/i;

/** Whether the summary opens like a forum post asking its readers for help (`shape:ask`). */
export function asksReaders(summary: string): boolean {
  const opening = summary.slice(0, ASK_WINDOW);
  return ASK_OPENING.test(opening) || ASK.test(opening);
}

/**
 * What kind of item the text is, from its form alone: `shape:question`, `shape:first-person`,
 * `shape:episode`, `shape:issue` (an issue number), `shape:reddit` (a forum post with a body), `shape:link-post` (a forum post that
 * is only a link), `shape:brand-suffix` ("… | Vendor"), `shape:money`,
 * `shape:lower-case`, `shape:no-summary`, `shape:ask` (a forum post asking for help),
 * `shape:roundup` (a roundup or newsletter issue).
 */
export function shapeFeatures(title: string, summary: string): string[] {
  const out: string[] = [];
  const t = title.trim();
  if (t.endsWith('?') || QUESTION_START.test(t)) out.push('shape:question');
  if (FIRST_PERSON.test(t)) out.push('shape:first-person');
  if (EPISODE.test(t)) out.push('shape:episode');
  if (ISSUE.test(t)) out.push('shape:issue');
  if (REDDIT.test(summary)) {
    // A link post (nothing but the footer, perhaps the link) is judged by its headline, like a
    // news item; a post with a body of its own is a forum post (a question, a project…).
    out.push(BARE_LINKS.test(forumBody(summary)) ? 'shape:link-post' : 'shape:reddit');
  }
  if (PIPE_SUFFIX.test(t)) out.push('shape:brand-suffix');
  if (MONEY.test(t)) out.push('shape:money');
  const words = t.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  const long = words.filter((w) => w.length > 3);
  // All lower case: forum posts. (Not Title Case: wires use it, and so do many news outlets.)
  if (long.length >= 3 && !long.some((w) => /^\p{Lu}/u.test(w))) out.push('shape:lower-case');
  if (summary.trim() === '') out.push('shape:no-summary');
  else if (asksReaders(summary)) out.push('shape:ask');
  if (ROUNDUP.test(t)) out.push('shape:roundup');
  return out;
}
