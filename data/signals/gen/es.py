# Spanish training phrasings, written by the project (see ../README.md). Same layout as en.py.
P, N, T = {}, {}, {}
P["security"] = """
Alguien entró en nuestra cuenta desde Rusia y creó claves API
Nos han hackeado, todas las contraseñas se cambiaron esta noche
Hay inicios de sesión desde Brasil en la cuenta del propietario y nadie de nosotros estuvo allí
nuestra lista de clientes apareció en un foro de hackers
Creo que me robaron las credenciales, me llegan correos de restablecimiento que no pedí
Un atacante se apoderó de tres cuentas de agentes
Recibimos una factura falsa con un enlace a una página de acceso falsa y dos compañeros pusieron su contraseña
Están extrayendo datos personales de nuestros clientes por su API sin autenticación
URGENTE: sospechamos una filtración de datos, nuestros clientes reciben correos con sus tickets
La clave secreta del webhook se filtró en GitHub y alguien envía pedidos falsos
Un ransomware cifró nuestro servidor, por favor revoquen los tokens del conector
Veo clientes de otra empresa en mis búsquedas, es una fuga de datos grave
Un antiguo proveedor sigue entrando y descarga informes
Alguien desactivó la verificación en dos pasos del admin y creó otro administrador
Los enlaces de los adjuntos se pueden adivinar, abrí archivos de otras empresas
Cambiaron nuestros datos bancarios sin permiso y el pago se fue a otra cuenta
Se saltaron nuestro SSO, gente sin cuenta entró en el espacio de trabajo
Tuvimos un incidente de seguridad y necesitamos los registros de auditoría de 30 días
La cuenta fue comprometida y envió spam a 20.000 contactos
Una IP desconocida descargó toda nuestra base de contactos a las 3 de la mañana
Bloqueen la cuenta ya, hay alguien dentro borrando cosas
Su automatización envió historiales de pacientes a una dirección equivocada
Me cerraron la sesión y otra persona está usando mi cuenta ahora mismo
El portal me mostró el DNI de un desconocido
Encontramos un usuario con todos los permisos que nadie creó
El correo de restablecimiento va a una dirección que no es nuestra
Incidente RGPD: los datos de 4.000 clientes estaban públicos por un enlace compartido
Entró malware por un archivo adjunto a un ticket
Alguien se hizo pasar por su soporte por teléfono y consiguió el código 2FA
Phishing: un correo supuestamente de su equipo de seguridad pide la contraseña
Robaron un portátil con la aplicación abierta, cierren todas las sesiones por favor
Nos piden un rescate, dicen que tienen copia de nuestra base de tickets
Ataque de fuerza bruta al login, miles de intentos y uno exitoso
acceso no autorizado al panel de administración!! revisen ya
Nuestras claves API se usan desde un centro de datos desconocido
"""
N["security"] = """
Cambié mi contraseña por seguridad, ¿cómo actualizo el correo de recuperación?
¿Cómo activo la verificación en dos pasos para todos los agentes?
¿Pueden enviarnos el último informe de pruebas de penetración para nuestra auditoría?
Nuestro delegado de protección de datos pregunta dónde se alojan los datos
No hubo ninguna filtración, solo me bloqueé tras varios intentos
El inicio de sesión sospechoso del mes pasado era nuestra propia VPN, todo bien
Añadan a nuestro nuevo responsable de seguridad como administrador
¿Cuál es su política de contraseñas?
¿El registro de auditoría muestra quién exportó informes?
Olvidé mi contraseña y el enlace caducó
Necesitamos un contrato de encargado de tratamiento firmado antes de empezar
¿Cómo roto la clave del webhook? Es rutina, no pasó nada
No nos han hackeado, solo no encontramos la opción
¿Dónde está la lista de subencargados?
¿Se puede obligar a usar SSO?
El aviso de nuevo acceso era yo con mi móvil nuevo
Adjunto el cuestionario de seguridad completado
¿Cuánto tiempo guardan los tickets borrados?
¿Podemos limitar el acceso a la IP de la oficina?
El incidente que reportamos en marzo está resuelto, pueden cerrar el ticket
¿Tienen programa de recompensas por errores?
¿Qué dispositivos tienen sesión abierta en mi cuenta?
"""
T["security"] = """
llámenme por favor
¿qué datos se vieron afectados?
tenemos que notificarlo en 72 horas
es muy urgente
"""
P["legal"] = """
Vamos a llevar esto a los tribunales
Si los datos no se recuperan el viernes, nuestro abogado reclamará daños y perjuicios
He pasado el asunto a mi abogado
Esto es un requerimiento formal por incumplimiento de contrato, nos reservamos las acciones legales
Les vamos a demandar por los ingresos perdidos
Presento una reclamación ante la Agencia de Protección de Datos
Recibirán una carta de nuestro departamento jurídico
Si no me devuelven el dinero, iré al juzgado
Nuestro despacho prepara una demanda por incumplir el SLA
Les voy a denunciar ante consumo y la OCU
Último aviso antes de emprender acciones legales
Retener mi reembolso es ilegal y lo reclamaré por vía judicial
Esto viola el RGPD y ya he avisado a la autoridad de control
nos veremos en los tribunales, esto es una estafa
Mi abogado dice que ustedes son responsables del daño
Reclamaremos una indemnización ante la justicia
Sin respuesta en 10 días iniciaremos un procedimiento judicial
Sus condiciones son abusivas y las vamos a impugnar ante un juez
Nuestro asesor legal se pondrá en contacto por el incumplimiento
Voy a poner una denuncia por fraude
Dejen de escribir a nuestros clientes o tomaremos medidas legales
Desde hoy el asunto está en manos de nuestros abogados
Acudiré a arbitraje y después a los tribunales
Les haremos legalmente responsables de cada pedido perdido
Ya hemos contratado a un abogado
Estamos preparando una reclamación de 40.000 euros
"""
N["legal"] = """
Nuestro abogado necesita una copia de la factura
¿Dónde están sus términos y la política de privacidad?
¿Pueden enviar el contrato firmado a nuestro departamento jurídico?
Nuestro equipo legal revisa el acuerdo de tratamiento de datos
Somos un despacho de abogados y queremos usar tickets para atender clientes
¿Cómo añado un aviso legal en los correos salientes?
No tenemos ninguna intención de demandar, solo queremos que se arregle
Actualicen la razón social en las facturas, por favor
¿Qué legislación se aplica al contrato?
Nuestra abogada quiere unirse a la reunión de inicio
Un cliente nos pidió acceso a sus datos según el RGPD, ¿cómo los exportamos?
¿Se puede firmar el contrato electrónicamente?
No amenazo a nadie, solo pido un abono
¿Cuánto tiempo hay que guardar los datos por motivos legales?
Un cliente nuestro amenazó con demandarnos, ¿cómo marcamos esos tickets?
El litigio del año pasado se resolvió, archiven los tickets antiguos
Tengo una duda sobre la cláusula de responsabilidad antes de firmar
¿Su SLA incluye compensaciones por caídas?
El campo 'juzgado competente' no aparece en el formulario
"""
T["legal"] = """
es su última oportunidad
todo está documentado
plazo: 10 días
"""
P["outage"] = """
todas nuestras peticiones devuelven 502 desde las 9:00
La aplicación está caída para toda la empresa
Su API lleva una hora dando timeout, no pasa nada
La web no carga, pantalla en blanco
Nadie del equipo puede entrar, ¿hay una caída?
Todas las páginas dicen 'servicio no disponible'
Producción parada: los webhooks no llegan desde las 7:40
Caída total, ni la app ni la web funcionan
No conseguimos conectar con sus servidores desde esta mañana
La página de estado está en verde pero el portal no carga a nadie
Desde anoche no se envía ningún correo
Error 500 en cada llamada de nuestra integración
Toda la plataforma se cayó en plena hora punta
El centro de ayuda está fuera de línea y los clientes no pueden abrir tickets
La sincronización está totalmente parada desde hace 3 horas
¿el servicio está caído? ninguno de nuestros 60 agentes puede trabajar
El chat ya no aparece en nuestra web
Su región europea parece caída
Desde el mantenimiento no funciona nada
Solo errores 503 desde las 14:05
Los servidores no responden, las peticiones se quedan colgadas
Nuestra tienda está fuera de servicio porque su API de pagos no responde
Todo está roto desde la actualización de esta mañana
La bandeja de entrada no carga, se queda cargando en todos los navegadores
Su servicio está otra vez inaccesible, tercera vez esta semana
La caída sigue para nosotros
La subida de archivos falla para todos los usuarios
La telefonía no funciona, no se registran las llamadas
Desde las 8 la plataforma va lentísima y acaba fallando
Recibimos HTTP 504 en cada llamada
"""
N["outage"] = """
¿La caída del martes pasado entra en el informe de SLA?
¿Cómo me avisan de los mantenimientos programados?
La incidencia de ayer ya está resuelta, gracias por la rapidez
¿Nos corresponde un abono por la interrupción de la semana pasada?
¿Tienen una página de estado a la que suscribirse?
Nuestra web estará en mantenimiento esta noche, ¿pueden pausar el chat?
El informe va lento cuando elijo un año entero
¿Hay límite de llamadas a la API? Salieron algunos 429 en la importación
¿Cómo muestro un mensaje 'fuera de línea' en el chat cuando no hay nadie?
Nuestro servidor no estará disponible el sábado, ¿se reintentan los webhooks?
La app no está caída, solo no encuentro el botón de exportar
¿Qué disponibilidad garantizan en el plan Enterprise?
Una imagen del artículo no carga, las demás sí
Tuvimos un corte de internet en la oficina, ya funciona todo
¿La app de escritorio funciona sin conexión?
¿Pueden explicarnos el incidente del lunes para nuestro análisis?
La sincronización va un poco lenta pero funciona
No hay ninguna caída, solo necesitamos más licencias
"""
T["outage"] = """
los agentes están parados
los clientes nos llaman
¿tienen una estimación?
"""
P["churn"] = """
En la renovación nos vamos con su competencia
Por favor cancelen nuestra suscripción a final de mes
Hemos decidido no renovar el contrato
Si esto no se arregla cambiaremos de proveedor
¿Cómo cierro la cuenta y borro todo? Nos vamos
Estamos mirando alternativas y probablemente nos iremos en el tercer trimestre
Quiero rescindir el contrato, envíenme el formulario
Sinceramente, se acabó. Den de baja la cuenta.
El equipo decidió migrar a Zendesk el próximo trimestre
La competencia nos ofrece mejor precio y lo vamos a aceptar
Nos estamos planteando en serio darnos de baja
Esta es la gota que colma el vaso, buscaremos otra herramienta
No renueven automáticamente, no vamos a seguir
Una caída más y nos vamos
No prorrogaremos el acuerdo cuando termine en junio
Cancelen mi plan de inmediato y devuelvan el resto
Hemos firmado con otro proveedor, tramiten nuestra baja
Con esta subida de precio no podemos quedarnos
No pienso seguir pagando por esto, dénme de baja
La dirección decidió dejar de usar su servicio
Pensamos irnos a una solución más barata
¿Cómo salgo de este contrato?
Ya empezamos la migración a otro helpdesk
¿Cuál es el plazo de preaviso? Queremos dejarlo
Van a perder un cliente
Nos llevaremos el negocio a otra parte
Borren mi cuenta definitivamente, me cambio de proveedor
"""
N["churn"] = """
No pensamos cancelar, solo es una pregunta sobre la factura
¿Cómo cancelo un ticket creado por error?
Por favor cancelen la reunión de mañana, la reprogramamos
¿Cómo cancelo un pedido en la integración con Shopify?
¿Puedo pasar de pago mensual a anual?
Queremos renovar por dos años más, ¿nos mandan presupuesto?
¿Cómo elimino a un usuario que dejó la empresa?
Nuestro cliente quiere cancelar su pedido, ¿qué macro uso?
Acabamos de renovar y la factura muestra el precio antiguo
¿Cómo cambio el idioma de la interfaz?
Estamos migrando de nuestra herramienta antigua a la suya, ¿nos ayudan con la importación?
Muy contentos con el producto, queremos ampliarlo al equipo de México
¿Qué pasa con nuestros datos si algún día cancelamos? Lo pregunta compras
Anulen la factura duplicada por favor
Dénme de baja del boletín, el producto lo quiero mantener
No nos vamos, pero arreglen la exportación por favor
¿Podemos pausar la cuenta en verano en vez de cancelarla?
Se acerca la renovación, envíennos el nuevo contrato
"""
T["churn"] = """
confírmenlo por escrito
somos clientes desde hace 4 años
una pena
"""
P["distress"] = """
Ya no sé qué hacer, es la tercera vez que escribo
¡¡¡Esto es totalmente inaceptable!!! Nadie contesta
Estoy tan frustrado, he pasado todo el fin de semana con esto
El peor soporte que he tenido nunca
Estoy furioso. Me cobraron dos veces y ignoran mis correos
Por favor, se lo suplico, necesito ayuda hoy o pierdo a mi mayor cliente
¿¿Por qué nadie responde?? Llevo 10 días esperando
Estoy harto de sus excusas
Es una vergüenza, estoy muy enfadado
Están arruinando mi pequeño negocio y a nadie le importa
Estoy desesperado, mañana es la nómina y no puedo acceder a nada
¿¡En serio!? ¿Otra vez? No puedo más
Cuántas veces tengo que explicar lo mismo, es ridículo
Me siento totalmente abandonado
Son unos incompetentes
Este error me está volviendo loco
Servicio pésimo. Realmente pésimo.
Nadie me ayuda desde hace dos semanas, estoy muy molesto
¡Dejen de mandar respuestas automáticas y que me atienda una persona!
No duermo por culpa de esto, mi tienda no funciona
Se me acabó la paciencia
Estoy profundamente decepcionado y enfadado
ayúdenme por favor, ya no sé qué más hacer
Su agente me colgó el teléfono. Indignante.
Estoy hasta las narices de perseguirlos
Es una pesadilla, mis clientes me gritan
Nunca me habían tratado tan mal
Cierran mi ticket sin resolver nada, es exasperante
"""
N["distress"] = """
A veces nuestros clientes se molestan por la espera, ¿podemos poner una respuesta automática?
¿Cómo marco a los clientes enfadados para darles prioridad?
Sin prisa, cuando puedan
¡Muchas gracias, me han ayudado mucho!
No estoy enfadado, solo confundido con la factura
¿El informe de satisfacción puede contar los clientes insatisfechos?
Perdón por molestar otra vez, una duda rápida sobre la API
Estamos contentos con el producto, solo un pequeño problema al exportar
La semana pasada estaba algo frustrado pero su compañero lo resolvió, gracias
¿Cómo configuro una encuesta de satisfacción?
Sigo esperando el presupuesto, ¿alguna novedad?
Entiendo que están ocupados, respondan cuando puedan
¡Enhorabuena por la nueva versión!
Queremos formación sobre cómo tratar clientes difíciles
Un recordatorio de mi pregunta del lunes
¿Pueden llamarme mañana por la mañana?
"""
T["distress"] = """
quiero hablar con un responsable
contéstenme de una vez
"""
O = """
¿Cómo cambio el logo de las plantillas de correo?
Envíen la factura en PDF a contabilidad@example.es por favor
¿Podemos crear un segundo espacio para nuestra sucursal?
¿Cómo añado un agente nuevo?
¿Dónde se cambia la zona horaria de los informes?
Necesitamos un campo para el número de pedido en el formulario
¿Cómo funciona la asignación rotativa de tickets?
¿Tienen descuento para ONG?
¿Cómo fusiono dos tickets?
La macro de reembolsos inserta el campo equivocado
Actualicen nuestra dirección de facturación, por favor
¿Puedo exportar todos los tickets de 2023 a Excel?
¿Hay integración con Slack?
Las notificaciones de la app llegan demasiado a menudo, ¿cómo las reduzco?
¿Qué diferencia hay entre el plan Equipo y el Business?
Falta nuestro NIF en la última factura
La búsqueda no encuentra tickets por número de teléfono
¿Cómo traduzco el centro de ayuda al inglés?
¿Se pueden compartir respuestas predefinidas con todo el equipo?
Queremos la misma firma para todos los agentes
¿Cómo defino el horario del chat?
¿Los clientes pueden adjuntar archivos desde el formulario web?
Necesito formación para tres compañeras nuevas
¿Cómo redirijo nuestro buzón a sus tickets?
La vista 'Mis tickets abiertos' debería ordenarse por prioridad
¿Podemos crear estados de ticket propios?
La exportación CSV usa el separador equivocado para Excel
¿Dónde veo el tiempo medio de respuesta por agente?
Pasen nuestra suscripción a facturación anual desde marzo, por favor
¿Cómo conecto el CRM con los tickets?
Los atajos de teclado no funcionan en Mac como dice la guía
¿Puedo cambiar el color de la ventana de chat?
¿Cuántos agentes incluye el plan Starter?
Mi compañero no recibe la invitación
¿Se pueden poner etiquetas automáticas por palabras clave?
¿Cómo envío al cliente una copia de su ticket?
Borren el usuario de prueba prueba@empresa.es, gracias
Nos gustaría una demo de la base de conocimiento
La encuesta tras el ticket debe enviarse solo en español
Hola, el enlace para darse de baja del boletín lleva a una página vacía
"""
# segunda tanda
P["churn"] += """
Estamos pensando en dejarles, los últimos meses han sido malos
Estamos buscando una nueva herramienta de soporte
Consideren esto nuestro preaviso de 30 días
Ya no quiero ser cliente
Cancelaremos en cuanto el contrato lo permita
Paren la suscripción, encontramos algo mejor
Nos vamos al final del periodo contratado
No renovamos. Es definitivo.
Buscamos un sustituto para su producto
El contrato termina en mayo y lo dejaremos vencer
El coste ya no se justifica, lo dejamos
Estoy a punto de darme de baja
Si vuelven a subir los precios nos vamos
"""
P["distress"] += """
Tengo los nervios destrozados y nadie me ayuda
Es el cuarto correo y sigo sin respuesta, estoy hasta el moño
Esto me saca de quicio
Una experiencia horrible de principio a fin
¡¡¡Socorro!!! nada funciona y tengo una demo con un cliente en una hora
No aguanto más
Su soporte es una broma
Siento que a nadie en su empresa le importamos
Estoy muy decepcionado, confiaba en ustedes
"""
P["outage"] += """
Nadie del equipo puede acceder a la plataforma ahora mismo
Su API da error en cada petición
La app se cierra al abrirla para todos desde la última versión
Todo el sistema está sin respuesta, ¿pasa algo en su lado?
Todo da timeout. ¿Está caído su servicio?
"""
N["churn"] += """
Somos clientes satisfechos y queremos ampliar el contrato un año más
Nuestro contrato se renueva el mes que viene, ¿se mantiene el precio?
¿Puedo pasar al plan más barato sin perder los datos?
"""
# tercera tanda
P["security"] += """
Ni idea de quién, pero la contraseña del admin se cambió a las 2 y nos quedamos fuera de nuestra propia cuenta
Un desconocido llamó a nuestros clientes citando datos que solo están en su herramienta
Hay un acceso desde Kazajistán en la cuenta del director y está sentado a mi lado
Apareció una dirección de reenvío en nuestro buzón de soporte que nadie añadió
Sospechamos que un empleado se llevó todos los datos de clientes VIP antes de irse
Recibimos una factura 'de su departamento de cobros' con otra cuenta bancaria, ¿es un fraude?
"""
P["outage"] += """
Desde las 10 nuestros agentes no pueden cargar ninguna conversación
¿Hola? La app lleva una hora diciendo 'reconectando'
Estamos totalmente bloqueados, todo el helpdesk está inaccesible
La API devuelve errores 500 sin parar y nuestro pago depende de ella
Se ha vuelto a caer. Todo. Para todos.
"""
P["churn"] += """
Ya estamos hablando con otros proveedores, su oferta de renovación no es competitiva
Tramiten nuestra baja, la decisión está tomada
Nuestra empresa ha elegido otra plataforma para el año que viene
A final de mes nos pierden como clientes
No nos cobren nada a partir del mes que viene, cancelamos el servicio
Me doy de baja. No intenten convencerme.
"""
P["distress"] += """
Una hora en espera al teléfono y me cortaron dos veces, es exasperante
Nadie contesta, es como gritar al vacío
No se imaginan el estrés que me está causando esto
Esto lleva semanas así y ya no puedo más
¿¿Pero qué les pasa??
Estoy indignado por cómo me han tratado
"""
P["legal"] += """
Estamos dispuestos a ir a juicio por los abonos pendientes
Pasen esto a su departamento legal: vamos a demandar
La semana que viene recibirán una reclamación formal de daños
Que decida un juez si su facturación es legal
"""
N["legal"] += """
El abogado de un cliente nos envió una carta, ¿cómo la adjunto al ticket?
¿Qué juzgado figura en las condiciones? Solo para nuestros archivos
Nuestro departamento legal pregunta si tienen un contrato tipo para distribuidores
"""
N["outage"] += """
El domingo estaremos en mantenimiento, no envíen encuestas ese día
El informe del incidente de la semana pasada fue muy útil
"""
N["security"] += """
Queremos hacer una simulación de phishing para nuestra plantilla, ¿pueden excluir sus correos?
¿Cómo doy acceso de lectura al registro de auditoría a nuestro auditor externo?
"""
