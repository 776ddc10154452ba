/**
 * English function words dropped before stemming: they say nothing about a topic, and dropping
 * them keeps the model's vocabulary small. Words that do carry meaning in this domain ("not",
 * "against", "new") are kept on purpose.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself no nor of off on once only or other our ours ourselves out over own same she should so
some such than that the their theirs them themselves then there these they this those through to
too under until up very was we were what when where which while who whom why will with would you
your yours yourself yourselves it's that's there's s t ll ve re d m don doesn didn isn wasn aren
weren won can't cannot may might must shall us via per`.split(/\s+/),
);

/**
 * Function words of other languages seen in feeds (German, French, Spanish, Portuguese, Italian,
 * Dutch), for telling a non-English text apart from an English one. Words that are also English
 * ("die", "and", "on", "a") are left out.
 */
export const FOREIGN_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `der das und ist nicht mit für von auf eine einen dem den des sich auch wird werden oder bei
nach wie aus zum zur über les une est pour dans avec sur pas qui que ou aux du au ces sont été
el los las del por para con una es como pero más sus fue está não uma com os nas dos das pelo pela
il della che di per sono anche alla nel het een van zijn niet voor met ook`.split(/\s+/),
);

/** The most frequent English function words: a text with none of them is probably not English. */
export const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `the and of to in is for on with that by from as are was its at be has have this it an or not
their which after over new were will how who into but been can more about than they`.split(/\s+/),
);
