import { describeCode } from '../case/codes/lookup.js';

// Categories whose codes are different diseases, not forms of one: AML and CML
// share C92, Graves disease and toxic nodular goitre share E05. Written from
// the FY2025 tabular; the title test below catches the "Other ..." headings.
const MULTI_DISEASE = new Set(
  (
    'E08 E09 E10 E11 E13 A04 A08 A49 A69 B37 B99 C83 C84 C85 C90 C91 C92 C93 C94 C95 C96 D35 D44 D47 D61 D64 D68 D69 D72 D75 D89 ' +
    'E05 E06 E07 E16 E20 E21 E22 E23 E24 E27 E28 E34 E72 E83 E85 E87 E88 F06 F10 F11 F12 F13 F14 F15 F16 F19 F41 F43 F44 F50 F90 F91 F98 ' +
    'G04 G11 G12 G23 G24 G25 G31 G37 G44 G45 G47 G51 G52 G54 G56 G57 G58 G61 G62 G70 G72 G89 G90 G93 G96 G98 ' +
    'H04 H16 H18 H20 H25 H26 H33 H34 H35 H40 H43 H47 H49 H53 H57 H60 H66 H70 H72 H74 H81 H83 H90 H91 H93 ' +
    'I25 I27 I28 I31 I34 I35 I36 I37 I44 I45 I47 I48 I49 I51 I67 I71 I72 I73 I77 I78 I80 I82 I87 I95 I99 ' +
    'J05 J06 J38 J39 J43 J47 J68 J70 J84 J95 J96 J98 K11 K13 K22 K31 K52 K56 K57 K59 K62 K63 K64 K76 K80 K82 K83 K86 K90 K92 ' +
    'L08 L51 L53 L57 L81 L92 L94 L98 M02 M06 M08 M11 M12 M24 M25 M30 M31 M33 M34 M35 M46 M48 M53 M54 M62 M79 M84 M85 M89 M94 ' +
    'N02 N03 N04 N05 N06 N07 N08 N13 N25 N28 N39 N42 N48 N50 N64 N73 N76 N80 N83 N85 N89 N92 N93 N94 N95 ' +
    'O26 O36 O42 O43 O44 O98 O99 Q21 Q24 Q25 Q43 Q44 Q61 Q87 Q89 ' +
    'T36 T37 T38 T39 T40 T41 T42 T43 T44 T45 T46 T47 T48 T49 T50 T51 T52 T53 T54 T55 T56 T57 T59 T60 T61 T62 T63 T64 T65 T66 T67 T73 T75 T78 T80 T81 T82 T83 T84 T85 T86 T87 T88'
  ).split(' '),
);

/**
 * Whether an ICD-10-CM 3-character category groups forms of one disease (I21:
 * every code is an acute myocardial infarction) rather than different diseases
 * (C92: acute and chronic myeloid leukaemia). Symptom (R) and encounter (Z)
 * chapters and "Other ..." headings never count as one disease.
 */
export function categoryIsOneDisease(category: string): boolean {
  const c = category.toUpperCase().slice(0, 3);
  if (MULTI_DISEASE.has(c) || /^[RSVWXYZU]/.test(c)) return false;
  const info = describeCode(c);
  if (!info) return false;
  return !/\b(other|and|or|disorders? of|diseases? of|conditions?|effects?|complications?|abnormal|symptoms?|findings?|poisoning|injury|unspecified)\b/i.test(
    info.title,
  );
}
