import { stem } from './stem.js';

/**
 * Words dropped before comparing two items, compared after stemming. Three groups:
 * English function words; words every news report or press release uses whatever it is about
 * ("said", "today", "announced", "company"), which are the wire boilerplate the issue warns
 * about; and calendar words, because two stories from the same week share their dates.
 */
const FUNCTION_WORDS = `a about above across after again against all almost along already also although always am
among an and another any anyone anything are around as at away back be became because become been
before being below between both but by can cannot could did do does doing done down during each
either else enough even ever every few for from further get gets got had has have having he her
here hers herself him himself his how however i if in into is it its itself just last least less
let like made make many may me might more most much must my near need neither never new next no
nor not now of off often on once one only onto or other others our ours ourselves out over own per
perhaps put quite rather really same see seen several shall she should since so some still such
than that the their theirs them themselves then there these they this those though through thus
to too toward towards under until up upon us very via was we well were what whatever when where
whether which while who whoever whole whom whose why will with within without would yet you your
yours yourself yourselves it's that's there's`;

const NEWS_WORDS = `said says say told tell according report reported reports reporting statement statements
announce announced announcement announces today yesterday tomorrow week weeks month months year years
day days time times recent recently late early earlier later first second third new latest including
include includes included also company companies inc incorporated llc llp ltd plc corp corporation co
provider leading global based headquartered news press release releases wire newswire prnewswire
globe business read more continue post appeared via per cent percent
nasdaq nyse otc tsx otcqx ticker`;

const CALENDAR_WORDS = `monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri
sat sun january february march april may june july august september october november december jan
feb mar apr jun jul aug sep sept oct nov dec morning afternoon evening night weekend`;

/**
 * Security vocabulary shared by most items of a security newsletter: kept, but weighed low, so two
 * stories are not alike merely because both are about "a critical vulnerability" or "ransomware".
 * Its acronyms ("VPN", "SOC") are never taken for names either.
 */
const DOMAIN_WORDS = `security cybersecurity cyber attack attacks attacker attackers hacker hackers hack hacked
hacking threat threats actor actors vulnerability vulnerabilities flaw flaws bug bugs exploit exploited
exploitation exploiting patch patched patches update updates updated fix fixed fixes critical severity
malware ransomware breach breaches breached data incident incidents researcher researchers research
cybercriminal cybercriminals criminal criminals campaign campaigns group groups gang organization
organizations organisation organisations customers users systems system network networks access
information personal stolen steal compromise compromised warn warns warned risk software service
services online internet device devices million billion thousand
api apis vpn vpns dns ssl tls http https url urls ip os soc siem edr xdr mdr ndr mfa sso saml oauth ldap
rdp ssh smb ftp sql xss csrf ssrf rce lpe dos ddos apt apts ics ot iot scada plc ai llm llms ml saas
paas iaas cdn waf ids ips nas cpu gpu usb uefi bios cve cves cvss kev poc ioc iocs ttp ttps iam pam dlp
casb sase ztna`;

function stemmedSet(words: string): ReadonlySet<string> {
  return new Set(
    words
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => stem(w)),
  );
}

export const STOPWORDS: ReadonlySet<string> = stemmedSet(`${FUNCTION_WORDS} ${NEWS_WORDS} ${CALENDAR_WORDS}`);
export const DOMAIN_TERMS: ReadonlySet<string> = stemmedSet(DOMAIN_WORDS);
