import type { Taxonomy } from '../../model/index.js';

export type { Taxonomy, TopicDefinition } from '../../model/index.js';

/**
 * The default taxonomy (issue 5). Keywords are *evidence*, not the decision: the trained model
 * weighs the whole text, keywords add precise signals and name the reason. They are general
 * vocabulary of each topic, never words taken from evaluation items. A trailing `*` matches any
 * ending. Priorities order the draft later (what an editor reads first).
 */
export const DEFAULT_TAXONOMY: Taxonomy = {
  fallback: 'other',
  securityTerms: [
    'cybersecurity', 'cyber security', 'cyber', 'cyberattack*', 'cybercrim*', 'infosec', 'security flaw*',
    'security update*', 'security researcher*', 'security team*', 'security vendor', 'security firm',
    'hacker*', 'hacking', 'hacked', 'hacktivist*', 'threat actor*', 'threat intelligence', 'threat hunting',
    'vulnerabilit*', 'zero-day*', 'cve', 'exploit*', 'patch*', 'malware', 'ransomware', 'botnet*', 'trojan*',
    'backdoor*', 'spyware', 'infostealer*', 'stealer', 'phishing', 'scam*', 'fraud*', 'breach*', 'leak*',
    'data exposure', 'exposed data', 'stolen data', 'credential*', 'password*', 'authentication', 'mfa',
    'encryption', 'encrypted', 'espionage', 'apt', 'nation-state', 'state-sponsored', 'ddos',
    'intrusion', 'compromise*', 'attacker*', 'siem', 'soc', 'edr', 'xdr', 'endpoint', 'firewall*', 'zero trust',
    'identity security', 'cloud security', 'appsec', 'devsecops', 'pentest*', 'penetration test*', 'red team*',
    'bug bounty', 'incident response', 'cisa', 'ncsc', 'enisa', 'privacy', 'surveillance', 'deepfake*',
    'sanctions evasion', 'cyber insurance', 'security operations', 'vulnerability management', 'dark web',
    'malicious', 'attack surface', 'threat detection', 'threat protection', 'endpoint protection', 'data protection',
    'security software', 'multi-factor', 'two-factor', '2fa', 'passkey*', 'spoofing', 'exfiltrat*', 'cryptojacking',
    'web shell*', 'command-and-control', 'access control*', 'privileged access', 'security posture', 'secops',
    'security awareness', 'security research', 'security advisory', 'security patch*', 'security vulnerabilit*',
  ],
  topics: [
    {
      id: 'vulnerability',
      label: 'Vulnerabilities and patches',
      priority: 90,
      keywords: [
        'vulnerability', 'vulnerabilities', 'zero-day', 'zero-days', '0-day', 'zero day', 'security flaw*',
        'critical flaw*', 'remote code execution', 'rce', 'privilege escalation', 'auth bypass',
        'authentication bypass', 'patch tuesday', 'security update*', 'patches', 'patched', 'unpatched',
        'proof-of-concept', 'proof of concept', 'poc exploit', 'exploited in the wild', 'actively exploited',
        'exploit*', 'known exploited vulnerabilities', 'kev', 'cvss', 'advisory', 'sql injection',
        'cross-site scripting', 'buffer overflow', 'out-of-bounds', 'use-after-free', 'deserialization',
        'command injection', 'path traversal', 'firmware update', 'bug bounty', 'ics advisory', 'hotfix',
      ],
    },
    {
      id: 'ransomware',
      label: 'Ransomware and extortion',
      priority: 85,
      keywords: [
        'ransomware', 'ransom', 'ransom demand', 'ransom note', 'extortion', 'extort*', 'double extortion',
        'leak site', 'data leak site', 'encryptor', 'decryptor', 'encrypted files', 'ransomware gang',
        'ransomware group', 'affiliate*', 'raas', 'ransomware-as-a-service',
      ],
    },
    {
      id: 'data-breach',
      label: 'Data breaches and leaks',
      priority: 80,
      keywords: [
        'data breach*', 'breach notification', 'breach notice', 'notifies', 'notifying', 'exposed data',
        'data exposure', 'exposed database', 'misconfigured', 'leaked data', 'data leak', 'stolen data',
        'personal information', 'personal data', 'sensitive information', 'social security numbers',
        'medical records', 'patient data', 'customer data', 'records exposed', 'unauthorized access',
        'compromised accounts', 'class action', 'affected individuals', 'credit monitoring', 'pii',
      ],
    },
    {
      id: 'incident',
      label: 'Cyberattacks and incidents',
      priority: 75,
      keywords: [
        'cyberattack*', 'cyber attack*', 'cyber incident', 'security incident', 'ddos', 'denial-of-service',
        'denial of service', 'outage', 'disruption', 'disrupted', 'defaced', 'defacement', 'hacked',
        'hacktivist*', 'intrusion', 'took systems offline', 'offline', 'network disruption', 'attack on',
        'supply chain attack', 'account takeover', 'hijacked',
      ],
    },
    {
      id: 'malware',
      label: 'Malware and campaigns',
      priority: 70,
      keywords: [
        'malware', 'botnet*', 'infostealer*', 'info-stealer', 'stealer', 'trojan*', 'backdoor*', 'rootkit',
        'loader', 'dropper', 'spyware', 'rat', 'remote access trojan', 'worm', 'wiper', 'cryptominer',
        'malicious package*', 'npm package*', 'pypi', 'malicious extension*', 'command-and-control', 'c2',
        'payload*', 'campaign', 'malvertising', 'implant', 'obfuscated', 'sideload*',
      ],
    },
    {
      id: 'phishing-fraud',
      label: 'Phishing, scams and fraud',
      priority: 65,
      keywords: [
        'phishing', 'phish*', 'spear-phishing', 'smishing', 'vishing', 'scam*', 'scammer*', 'fraud*',
        'business email compromise', 'bec', 'social engineering', 'pig butchering', 'pig-butchering',
        'crypto theft', 'cryptocurrency theft', 'stolen crypto*', 'heist', 'impersonat*', 'fake invoice*',
        'credential harvesting', 'sim swap*', 'romance scam*', 'gift card*', 'deepfake*', 'money mule*',
        'wire transfer', 'drainer',
      ],
    },
    {
      id: 'nation-state',
      label: 'Nation-state and espionage',
      priority: 60,
      keywords: [
        'nation-state', 'nation state', 'state-sponsored', 'state-backed', 'state sponsored', 'apt',
        'advanced persistent threat', 'espionage', 'cyberespionage', 'cyber-espionage', 'spying', 'spies',
        'cyberwar*', 'cyber war*', 'intelligence service*', 'military intelligence', 'gru', 'fsb', 'svr',
        'mss', 'lazarus', 'kimsuky', 'volt typhoon', 'salt typhoon', 'typhoon', 'sandworm', 'fancy bear',
        'cozy bear', 'apt28', 'apt29', 'apt31', 'apt37', 'apt40', 'apt41', 'apt42', 'north korean', 'chinese hackers', 'russian hackers', 'iranian hackers',
        'china-nexus', 'china-linked', 'russia-linked', 'iran-linked', 'dprk', 'attribution',
      ],
    },
    {
      id: 'policy-legal',
      label: 'Policy, law and enforcement',
      priority: 55,
      keywords: [
        'law', 'legislation', 'bill', 'regulation*', 'regulator*', 'rules', 'compliance', 'mandate*',
        'executive order', 'sanction*', 'ban', 'bans', 'banned', 'arrest*', 'extradit*', 'indict*', 'charged',
        'charges', 'sentenced', 'pleaded guilty', 'pleads guilty', 'prison', 'convicted', 'lawsuit*', 'sued',
        'sues', 'settlement', 'fined', 'penalty', 'court', 'judge', 'prosecutor*', 'doj',
        'department of justice', 'europol', 'takedown', 'seized', 'seizure', 'gdpr', 'ftc', 'sec',
        'congress', 'senate', 'parliament', 'policy', 'privacy law', 'nis2', 'lawmakers',
      ],
    },
    {
      id: 'industry',
      label: 'Industry and business',
      priority: 40,
      keywords: [
        'funding', 'raises', 'series a', 'series b', 'series c', 'seed round', 'investment', 'investors',
        'acquisition', 'acquires', 'acquire', 'acquired', 'merger', 'ipo', 'partnership', 'partners with',
        'launches', 'launched', 'unveils', 'introduces', 'now available', 'general availability',
        'earnings', 'revenue', 'quarter', 'fiscal', 'appoints', 'appointed', 'chief executive',
        'ceo', 'award', 'awards', 'recognized', 'named a leader', 'magic quadrant', 'forrester wave',
        'survey', 'report finds', 'platform', 'integration',
      ],
    },
    {
      id: 'other',
      label: 'Other',
      priority: 10,
      keywords: [
        'how to', 'how-to', 'guide', 'tips', 'best practices', 'opinion', 'podcast', 'episode', 'webinar',
        'career*', 'hiring', 'job', 'conference', 'event', 'interview', 'book review', 'week in review',
        'roundup', 'newsletter',
      ],
    },
  ],
};

/**
 * What is wrong with a taxonomy (an editor's, from configuration), as messages naming the topic;
 * empty when it can be used. The config layer can report these with their location.
 */
export function taxonomyProblems(taxonomy: Taxonomy): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  taxonomy.topics.forEach((topic, i) => {
    const where = `topics[${i}]${topic.id ? ` (${topic.id})` : ''}`;
    if (!/^[a-z0-9][a-z0-9-]*$/.test(topic.id)) problems.push(`${where}: id must be lower-case letters, digits and hyphens`);
    if (seen.has(topic.id)) problems.push(`${where}: duplicate topic id`);
    seen.add(topic.id);
    if (topic.label.trim() === '') problems.push(`${where}: label is empty`);
    if (!Number.isFinite(topic.priority)) problems.push(`${where}: priority must be a number`);
    topic.keywords.forEach((keyword, k) => {
      if (keyword.replace(/\*$/, '').trim() === '') problems.push(`${where}: keywords[${k}] is empty`);
    });
  });
  if (!seen.has(taxonomy.fallback)) problems.push(`fallback topic "${taxonomy.fallback}" is not one of the topics`);
  return problems;
}
