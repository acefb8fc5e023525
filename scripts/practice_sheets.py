#!/usr/bin/env python3
# Writes data/practice_sheets.csv (data/SOURCES.md) from the curated remarks below and
# checks that every remark is verbatim in the seed report. Run by hand, from the
# repository root: scripts/practice_sheets.py SEED_TXT. Nothing in the build reads it.
import csv, re, sys
if len(sys.argv) != 2: sys.exit('usage: scripts/practice_sheets.py SEED_TXT')
seed = open(sys.argv[1], encoding='utf-8').read()
norm = lambda s: re.sub(r'\s+', ' ', re.sub(r'-[ \t]*\n\s*', '-', s)).strip()
S = norm(seed)
D = ['actors','resources','planning','participation','innovation']
desc = {
 '64': 'Integración de políticas públicas en la comuna de El Bosque, con diagnósticos participativos.',
 '80': 'Presupuestos participativos municipales en Lautaro: la ciudadanía decide sobre proyectos; un mecanismo formal de gestión participativa.',
 '168': 'Red de CORFO y el Gobierno Regional de Arica y Parinacota para facilitar inversiones, con financiamiento planificado y gestionado con las entidades públicas.',
 '374': 'Mesa de desarrollo territorial público-privada de la provincia de Cauquenes, liderada por la gobernadora, con la Corporación Maule Sur por los privados.',
 '385': 'Centro comunitario de salud familiar del cerro Mayaca (Quillota), impulsado por la municipalidad con la comunidad organizada, que planifica con la ciudadanía.',
 '272': 'Plan del Territorio Arauco: una Unidad de Gestión Territorial donde confluyen instituciones para superar las brechas sociales y territoriales de la provincia.',
 '275': 'Centro gestionador de negocios de Chiloé (programa Chiloemprende), un centro abocado al desarrollo del territorio, con financiamiento planificado.',
 '386': 'Liderazgo para el desarrollo local en Cochrane, con un Consejo de Desarrollo como instancia público-privada.',
 '393': 'Modelo de gestión territorial del Gobierno Regional del Bío Bío: territorios de planificación, diagnósticos compartidos, participación y control ciudadano de la inversión pública.',
 '72': 'Diseño participativo del parque urbano de Collipulli: el alcalde convoca a la sociedad civil y lleva la experiencia al Gobierno Regional.',
 '75': 'Prácticas de gestión de proyectos de la USACH: refuerzan equipos técnicos en la postulación de proyectos, sin participación ciudadana.',
 '76': 'La Universidad de Talca, con el Gobierno Regional del Maule, capacita para mejorar las iniciativas de inversión que los municipios formulan al SEBI; sin participación ciudadana.',
 '184': 'Intervención comunitaria y territorial en Santa María, con diagnósticos participativos y planificación micro territorial.',
 '231': 'Participación y comunicación social en salud del Servicio de Salud Aconcagua, con plazas ciudadanas de salud.',
 '240': 'Programa de la Pontificia Universidad Católica de apoyo a la formación académica y al desarrollo comunal, vínculo con los municipios sin participación ciudadana.',
 '248': 'Foro y mesa del agua del Valle del Huasco ante un problema de recursos hídricos: capacitación y encuentro de los actores.',
 '270': 'Organización comunitaria de Cerro Navia (CENCRECO, 60 delegadas voluntarias) que combina la planificación con el fortalecimiento de la ciudadanía.',
 '388': 'El Gobierno Regional del Bío Bío convoca a 44 servicios públicos para coordinar la inversión de la región (Anteproyecto Regional de Inversiones).',
}
q = {}
def add(ids, dim, text, section):
    for i in ids:
        k = (i, dim)
        if k in q:
            q[k] = (q[k][0] + ' […] ' + text, q[k][1] + ', ' + section)
        else:
            q[k] = (text, section)
ARI = 'Es claro que el Liderazgo Institucional predomina en el conjunto de las iniciativas; ejemplo de aquello es la iniciativa 355 Planificación del Anteproyecto Regional de Inversiones, mediante la cual el Gobierno Regional convoca a 44 servicios públicos con el objetivo de coordinar la inversión de la región, tomando en cuenta la diversidad local y territorial y las expectativas, particularidades, potencialidades y fortalezas de cada territorio.'
add(['388'], 'actors', ARI, '4.2.1 b)')
add(['374'], 'actors', 'Destaca la iniciativa 374 Desarrollo Territorial de Cauquenes, donde sobresale el rol de la gobernadora', '4.2.1 b)')
add(['72'], 'actors', 'la iniciativa del Parque Collipulli, donde el alcalde convoca a la sociedad civil y promueve la experiencia en el nivel regional (GORE).', '4.2.1 b)')
add(['393','272'], 'actors', 'Cabe destacar también los casos del 393 Modelo de Gestión Territorial y 372 Plan Territorio Arauco, donde confluyen liderazgos personales con un soporte regional institucional; en ambos casos es fundamental el impulso que da el Intendente del Bío Bío Jaime Tohá, y los Gobernadores de la Provincia de Arauco, Rodrigo Peñailillo y Álvaro Rojas.', '4.2.1 b)')
add(['272'], 'actors', 'Un aspecto crucial de la complementariedad es la integración de la oferta pública con el fin de resolver problemas específicos en el territorio, tal como lo demuestra la Unidad de Gestión Territorial del Territorio Arauco, instancia en donde confluyen diversas instituciones con el objetivo de superar las grandes brechas sociales y territoriales existentes en esta provincia.', '4.2.1 d)')
add(['270'], 'actors', 'existen experiencias que dan cuenta de procesos de liderazgo, radicado y ejercido por la comunidad organizada. La Iniciativa 270 Mujeres en acción, realiza un aporte en este sentido. El Centro de Crecimiento Comunitario es una organización comunitaria que nace en 1980 en Cerro Navia para hacer frente a la pobreza y falta de oportunidades para sus habitantes. Actualmente CENCRECO cuenta con 60 delegadas, todas voluntarias; además, mantiene redes con ONGs y organismos locales.', '4.2.1 c)')
add(['385'], 'actors', 'Otra iniciativa que refleja liderazgo desde las bases es la 355 CECOF; esta experiencia fue impulsada por la municipalidad en conjunto con la comunidad organizada y ha logrado concretar estrategias y prácticas que promueven el empoderamiento de la comunidad en la gestión local de salud.', '4.2.1 c)')
add(['75','76'], 'actors', 'Es interesante también destacar aquellas iniciativas presentadas por las universidades, como un ejemplo de tendencia emergente (iniciativa 75, Práctica de proyectos USACH; e iniciativa presentada por la U. de Talca en conjunto con el GORE del Maule).', '4.2.1 c)')
add(['374','275','168'], 'resources', 'Desde el punto de vista de la gestión de los recursos, es destacable que los procesos de consecución de recursos financieros especialmente, son planificados y gestionados directamente con las entidades públicas que operan en los territorios o en el nivel regional o sectorial de la administración pública regional. Es decir, la gestión de recursos financieros es planificada y evaluada en los plazos de la organización define dentro del año. Esto es muy claro en los casos de Desarrollo Territorial Cauquenes, Centro de Negocios Chiloé, Facilitación de Inversiones de Arica Parinacota, entre otros.', '4.2.2 b)')
add(['393'], 'planning', 'un exponente robusto del tipo de planificación de desarrollo territorial la representa “El Modelo de Gestión Territorial de la Región del Bío Bío”, en el cual se presenta una identificación de territorios de planificación, se levanta diagnósticos compartidos entre los actores públicos y privados de los requerimientos de la ciudadanía en función del desarrollo de los territorios. Este modelo de desarrollo territorial incluye la participación de los ciudadanos en la definición de sus objetivos de desarrollo y de la inversión pública y, finalmente, el control ciudadano de las acciones llevadas a cabo.', '4.2.3 b)')
add(['75','76'], 'planning', 'Iniciativas como las Prácticas de Proyectos de la USACH, la cual potencia equipos técnicos profesionales en procesos de postulación de proyectos o el proyecto SEBI de la Universidad de Talca, dicen relación con que se constata una falencia de la institucionalidad y se desarrolla un proceso de capacitación o mejora de ciertas capacidades para la región o localidad específica.', '4.2.3 b)')
add(['248'], 'planning', 'En otros casos, se trata de articulación de actores básicos, tales como la Mesa del Agua desarrollado en el Valle del Huasco, donde se constata un problema de recursos hídricos y se desarrollan metodologías de capacitación y encuentro de los actores, pero claramente se constata una debilidad de las prácticas, que nos habla de iniciativas con falta de sostenibilidad, replicabilidad, o que responden a iniciativas concretas ligadas a un problema específico, carentes de continuidad en el tiempo.', '4.2.3 b)')
add(['184'], 'planning', 'Ejemplo de lo anterior, son las experiencias de planificación micro territorial, desarrolladas en las comunas de Valparaíso y la intervención comunitaria de Santa María. Se aprecia un proceso de planificación que es capaz de incorporar en los territorios miradas específicas y no globales de los problemas.', '4.2.3 c)')
add(['270'], 'planning', 'En ese sentido se destaca la iniciativa de Mujeres en acción, en la cual efectivamente se aprecia la combinación de instrumentos de planificación con prácticas de fortalecimiento e incorporación real de la ciudadanía. Se visualiza prácticas efectivas de planificación colaborativa, y no sólo ele levantamiento de espacios esporádicos de dialogo.', '4.2.3 c)')
add(['385'], 'planning', 'Situación similar se constata en la experiencia de CECOF de Macaya. A partir de una falencia o necesidad en una localidad específica y necesidad concreta de salud familiar, se logra montar y sostener un proceso de planificación colaborativo con la ciudadanía, el cual puede mantenerse en el tiempo y generar nuevas prácticas de desarrollo en otras áreas, más allá de los requerimientos inmediatos o de la necesidad especifica de mejor salud para sus habitantes.', '4.2.3 c)')
add(['184','64','72','80'], 'participation', 'La constitución de mesas territoriales con participación de diversos actores y la incorporación de instancias en distintas fases del ciclo de la gestión pública: diagnósticos participativos (p. ej. Intervención comunitaria en Santa María; Integración de políticas públicas en El Bosque), diseño participativo (p. ej. Parque en Collipulli), decisión sobre proyectos (por ej. Presupuestos Participativos en Lautaro), evidencian una realidad que está instalándose en la gestión pública en el nivel local principalmente, pero también provincial y regional.', '4.2.4 b)')
add(['75','240','76'], 'participation', 'Sólo cinco iniciativas de las 29 revisadas no incorporan la participación ciudadana, lo cual claramente aparece como una práctica minoritaria. Dentro de ellas se presentan tres iniciativas que involucran a universidades que buscan concretar un vínculo con los municipios y que no incluyen la participación ciudadana en la experiencia (Prácticas de proyectos de USACH, Puentes UC y SEBI U. de Talca).', '4.2.4 c)')
add(['275'], 'innovation', 'Por otra parte, en un grado menor, los consejos de desarrollo y la creación de centros u organismos abocados a temáticas específicas generan una nueva malla de espacios donde los actores realizan acciones que buscan el desarrollo del territorio (por ejemplo, el Centro gestionador de negocios de Chiloé).', '4.2.5 a)')
add(['374','386'], 'innovation', 'La tendencia principal es a involucrar a actores más allá de lo público. Las instancias público-privadas han ido consolidándose y tanto los consejos como las mesas mixtas se presentan en iniciativas diversas. Destaca en este punto la Corporación Maule Sur, que representa a los privados en la mesa público-privada de la Provincia de Cauquenes; y el Consejo de Desarrollo en Cochrane-Aysén.', '4.2.5 b)')
add(['80','231','64'], 'innovation', 'En el caso de los mecanismos formales, destacan las experiencias de Presupuestos Participativos en la municipalidad de Lautaro; mientras que en cuanto a diagnósticos, asambleas, cabildos, entre otros, destacan las plazas ciudadanas de salud realizados en Aconcagua y los diagnósticos participativos de en la comuna de El Bosque.', '4.2.5 b)')
bad = 0
for (i, d), (text, sec) in q.items():
    for part in text.split(' […] '):
        if norm(part) not in S: print('NOT VERBATIM', i, d, part[:60]); bad += 1
if bad: sys.exit('%d remarks are not verbatim: nothing written' % bad)
ids = [r['id'] for r in csv.DictReader(open('data/initiatives_seed.csv', encoding='utf-8'))]
assert all(i in ids for i in desc) and all(i in ids for i, _ in q)
cols = ['id', 'description'] + [c for d in D for c in ('remark_' + d, 'remark_' + d + '_section')]
with open('data/practice_sheets.csv', 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(cols)
    for i in ids:
        row = [i, desc.get(i, '')]
        for d in D:
            t, s = q.get((i, d), ('', ''))
            row += [t, s]
        w.writerow(row)
print( 'sheets', len(ids), 'with remarks', len({i for i, _ in q}), 'remarks', len(q))
