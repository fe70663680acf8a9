<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
  <context>
    <name>AccountDialog</name>
    <message>
      <location filename="../../views/admin/accounts.py" line="39" />
      <source>New account</source>
      <extracomment>The order of the role list: the most created first.</extracomment>
      <translation>Nouveau compte</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="39" />
      <source>Edit account</source>
      <translation>Modifier le compte</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="51" />
      <source>(no company)</source>
      <translation>(aucune entreprise)</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="56" />
      <source>Login:</source>
      <translation>Identifiant :</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="57" />
      <source>Last name:</source>
      <translation>Nom :</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="58" />
      <source>First name:</source>
      <translation>Prénom :</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="59" />
      <source>Role:</source>
      <translation>Rôle :</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="60" />
      <source>Company (tutors):</source>
      <translation>Entreprise (tuteurs) :</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="61" />
      <source>Job title:</source>
      <translation>Fonction :</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="62" />
      <source>Email:</source>
      <translation>Courriel :</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="63" />
      <source>Phone:</source>
      <translation>Téléphone :</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="69" />
      <source>Initial password:</source>
      <translation>Mot de passe initial :</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="70" />
      <source>Password again:</source>
      <translation>Confirmation du mot de passe :</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="106" />
      <source>The two passwords differ.</source>
      <translation>Les deux mots de passe sont différents.</translation>
    </message>
  </context>
  <context>
    <name>AccountTableModel</name>
    <message>
      <location filename="../../views/admin/models.py" line="38" />
      <source>Login</source>
      <translation>Identifiant</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="39" />
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="40" />
      <source>Role</source>
      <translation>Rôle</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="41" />
      <source>Status</source>
      <translation>État</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="42" />
      <source>Company / classes</source>
      <translation>Entreprise / classes</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="43" />
      <source>Email</source>
      <translation>Courriel</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="47" />
      <source>Active</source>
      <translation>Actif</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="48" />
      <source>Deactivated</source>
      <translation>Désactivé</translation>
    </message>
  </context>
  <context>
    <name>AccountsTab</name>
    <message>
      <location filename="../../views/admin/accounts.py" line="140" />
      <source>New…</source>
      <translation>Nouveau…</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="141" />
      <source>Edit…</source>
      <translation>Modifier…</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="143" />
      <location filename="../../views/admin/accounts.py" line="158" />
      <source>Deactivate</source>
      <translation>Désactiver</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="146" />
      <source>Reset password…</source>
      <translation>Réinitialiser le mot de passe…</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="158" />
      <source>Reactivate</source>
      <translation>Réactiver</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="183" />
      <source>Deactivate the account of %1? It will no longer sign in; what it wrote keeps its author.</source>
      <translation>Désactiver le compte de %1 ? Il ne pourra plus se connecter ; ce qu'il a écrit garde son auteur.</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="186" />
      <source>Deactivate an account</source>
      <translation>Désactiver un compte</translation>
    </message>
  </context>
  <context>
    <name>ActivitiesAsk</name>
    <message>
      <location filename="../../views/activities/ask.py" line="49" />
      <source>Save</source>
      <translation>Enregistrer</translation>
    </message>
    <message>
      <location filename="../../views/activities/ask.py" line="52" />
      <source>Ignore</source>
      <translation>Ignorer</translation>
    </message>
    <message>
      <location filename="../../views/activities/ask.py" line="56" />
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
  </context>
  <context>
    <name>ActivitiesLegend</name>
    <message>
      <location filename="../../views/dashboard/legend.py" line="133" />
      <source>Week in the company</source>
      <translation>Semaine en entreprise</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/legend.py" line="134" />
      <source>Week in the training centre</source>
      <translation>Semaine en centre de formation</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/legend.py" line="135" />
      <source>Task done that week</source>
      <translation>Tâche réalisée cette semaine</translation>
    </message>
  </context>
  <context>
    <name>ActivitiesPage</name>
    <message>
      <location filename="../../views/activities/page.py" line="553" />
      <source>By period</source>
      <extracomment>The reader's unread sheets over all his apprentices (the module entry's counter).</extracomment>
      <translation>Vue par périodes</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="554" />
      <source>By apprentice</source>
      <translation>Vue par apprenants</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="555" />
      <source>Company activity follow-up</source>
      <translation>Suivi des activités en entreprise</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="556" />
      <source>&amp;Refresh</source>
      <translation>&amp;Actualiser</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="559" />
      <source>Read the lists again (what others saved meanwhile, the read state).</source>
      <translation>Relire les listes (ce que d'autres ont enregistré entre-temps, l'état de lecture).</translation>
    </message>
  </context>
  <context>
    <name>ActivitiesTableModel</name>
    <message>
      <location filename="../../views/dashboard/models.py" line="412" />
      <source>Professional activities and tasks defined by the framework</source>
      <translation>Activités et tâches professionnelles définies par le référentiel</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/models.py" line="443" />
      <source>done</source>
      <translation>réalisée</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/models.py" line="443" />
      <source>not done</source>
      <translation>non réalisée</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/models.py" line="448" />
      <source>Activities and tasks</source>
      <translation>Activités et tâches</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/models.py" line="457" />
      <source>in the company</source>
      <translation>en entreprise</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/models.py" line="458" />
      <source>in the training centre</source>
      <translation>en centre de formation</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/models.py" line="461" />
      <source>Week %1 of %2 (from %3 to %4), %5</source>
      <translation>Semaine %1 de %2 (du %3 au %4), %5</translation>
    </message>
  </context>
  <context>
    <name>ActivitySheetDialog</name>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="89" />
      <source>This week was retired from the period: the sheet is kept with its content. Only a trainer of the class can delete it, on purpose.</source>
      <extracomment>Emitted once the sheet is loaded (it was marked read for this reader).</extracomment>
      <translation>Cette semaine a été retirée de la période : la fiche est conservée avec son contenu. Seul un formateur de la classe peut la supprimer, volontairement.</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="102" />
      <location filename="../../views/activities/sheet_dialog.py" line="433" />
      <source>Context</source>
      <translation>Contexte</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="103" />
      <source>Activity description</source>
      <translation>Description de l'activité</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="104" />
      <source>Link with the framework</source>
      <translation>Liaison avec le référentiel</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="106" />
      <source>Attachments</source>
      <translation>Annexes associées</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="123" />
      <source>&amp;Save</source>
      <translation>&amp;Enregistrer</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="126" />
      <source>Close</source>
      <translation>Fermer</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="163" />
      <source>The significant activity of the week</source>
      <translation>L'activité significative de la semaine</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="179" />
      <source>Host company:</source>
      <translation>Entreprise d'accueil :</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="180" />
      <source>Activity title:</source>
      <translation>Titre de l'activité :</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="181" />
      <source>Conditions:</source>
      <translation>Conditions de réalisation :</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="182" />
      <source>Activity type:</source>
      <translation>Type d'activité :</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="183" />
      <source>Context:</source>
      <translation>Contexte :</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="193" />
      <location filename="../../views/activities/sheet_dialog.py" line="434" />
      <source>Description of the activity</source>
      <translation>Description de l'activité</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="195" />
      <location filename="../../views/activities/sheet_dialog.py" line="435" />
      <source>Reflective analysis</source>
      <translation>Analyse réflexive</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="206" />
      <source>Professional tasks carried out</source>
      <translation>Tâches professionnelles réalisées</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="207" />
      <source>Competences and criteria to assess</source>
      <translation>Compétences et critères à évaluer</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="232" />
      <location filename="../../views/activities/sheet_dialog.py" line="491" />
      <source>Activity sheet</source>
      <translation>Fiche activité</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="254" />
      <source>(not known)</source>
      <translation>(non renseignée)</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="265" />
      <source>(not chosen)</source>
      <translation>(non choisi)</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="318" />
      <source>You write this sheet: describe one significant activity of the week, then tick the tasks it covers.</source>
      <translation>Vous rédigez cette fiche : décrivez une activité significative de la semaine, puis cochez les tâches qu'elle couvre.</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="322" />
      <source>Tick the tasks this activity covers. Your tutor or trainer chooses the competences to assess.</source>
      <translation>Cochez les tâches que couvre cette activité. Votre maître d'apprentissage ou votre formateur choisit les compétences à évaluer.</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="327" />
      <source>Only the apprentice writes his sheet: you read it, link it with the framework and comment it.</source>
      <translation>Seul l'apprenti rédige sa fiche : vous la lisez, la liez au référentiel et la commentez.</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="331" />
      <source>Adjust the tasks ticked by the apprentice and, facing them, tick the competences (all their criteria) or single criteria to assess in the period review.</source>
      <translation>Ajustez les tâches cochées par l'apprenti et, en regard, cochez les compétences (tous leurs critères) ou les critères à évaluer dans le bilan de la période.</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="336" />
      <source>Read only.</source>
      <translation>Lecture seule.</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="389" />
      <source>Changes not saved yet.</source>
      <translation>Modifications non enregistrées.</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="397" />
      <location filename="../../views/activities/sheet_dialog.py" line="467" />
      <source>Save the sheet</source>
      <translation>Enregistrer la fiche</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="431" />
      <source>Activity title</source>
      <translation>Titre de l'activité</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="432" />
      <source>Conditions</source>
      <translation>Conditions de réalisation</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="444" />
      <source>Their version (saved on %1)</source>
      <translation>L'autre version (enregistrée le %1)</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="472" />
      <source>The other version, replaced by yours (kept here to copy from)</source>
      <translation>L'autre version, remplacée par la vôtre (gardée ici pour que vous puissiez la copier)</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="481" />
      <source>Your version, not saved (kept here to copy from)</source>
      <translation>Votre version, non enregistrée (gardée ici pour que vous puissiez la copier)</translation>
    </message>
    <message>
      <location filename="../../views/activities/sheet_dialog.py" line="492" />
      <source>This sheet has changes that are not saved. Save them?</source>
      <translation>Cette fiche a des modifications non enregistrées. Les enregistrer ?</translation>
    </message>
  </context>
  <context>
    <name>AdminCommon</name>
    <message>
      <location filename="../../views/admin/common.py" line="193" />
      <source>Search…</source>
      <extracomment>The snapshot row behind a table row (custom role). A value that sorts right (dates as ISO text, numbers as numbers). The first day a QDateEdit can show; on an optional date it means "no date". Columns holding numbers: centred.</extracomment>
      <translation>Rechercher…</translation>
    </message>
    <message>
      <location filename="../../views/admin/common.py" line="282" />
      <source>%1 row(s)</source>
      <translation>%1 ligne(s)</translation>
    </message>
    <message>
      <location filename="../../views/admin/common.py" line="413" />
      <location filename="../../views/admin/common.py" line="433" />
      <source> (deactivated)</source>
      <translation> (désactivé)</translation>
    </message>
  </context>
  <context>
    <name>AdministrationPage</name>
    <message>
      <location filename="../../views/admin/page.py" line="41" />
      <source>Accounts</source>
      <translation>Comptes</translation>
    </message>
    <message>
      <location filename="../../views/admin/page.py" line="42" />
      <source>School years</source>
      <translation>Années scolaires</translation>
    </message>
    <message>
      <location filename="../../views/admin/page.py" line="43" />
      <source>Classes</source>
      <translation>Classes</translation>
    </message>
    <message>
      <location filename="../../views/admin/page.py" line="44" />
      <source>Companies</source>
      <translation>Entreprises</translation>
    </message>
    <message>
      <location filename="../../views/admin/page.py" line="45" />
      <source>Apprentices</source>
      <translation>Apprentis</translation>
    </message>
    <message>
      <location filename="../../views/admin/page.py" line="46" />
      <source>Diplomas and frameworks</source>
      <translation>Diplômes et référentiels</translation>
    </message>
    <message>
      <location filename="../../views/admin/page.py" line="47" />
      <source>Centre</source>
      <translation>Centre</translation>
    </message>
    <message>
      <location filename="../../views/admin/page.py" line="48" />
      <source>Imports</source>
      <translation>Importations</translation>
    </message>
    <message>
      <location filename="../../views/admin/page.py" line="49" />
      <source>Audit trail</source>
      <translation>Journal d'audit</translation>
    </message>
  </context>
  <context>
    <name>ApprenticeDialog</name>
    <message>
      <location filename="../../views/admin/apprentices.py" line="52" />
      <source>New apprentice</source>
      <translation>Nouvel apprenti</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="52" />
      <source>Edit apprentice</source>
      <translation>Modifier l'apprenti</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="59" />
      <source>11 characters, e.g. 070123456AB</source>
      <translation>11 caractères, par ex. 070123456AB</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="68" />
      <source>(no class)</source>
      <translation>(aucune classe)</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="75" />
      <source>(no company)</source>
      <translation>(aucune entreprise)</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="83" />
      <source>(no referent)</source>
      <translation>(aucun référent)</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="91" />
      <source>(no account)</source>
      <translation>(aucun compte)</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="97" />
      <source>Last name:</source>
      <translation>Nom :</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="98" />
      <source>First name:</source>
      <translation>Prénom :</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="99" />
      <source>Birth date:</source>
      <translation>Date de naissance :</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="100" />
      <source>INE (national id):</source>
      <translation>INE :</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="101" />
      <source>Email:</source>
      <translation>Courriel :</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="102" />
      <source>Phone:</source>
      <translation>Téléphone :</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="103" />
      <source>Address:</source>
      <translation>Adresse :</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="104" />
      <source>Class:</source>
      <translation>Classe :</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="105" />
      <source>Company:</source>
      <translation>Entreprise :</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="106" />
      <source>Company tutor:</source>
      <translation>Maître d'apprentissage :</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="107" />
      <source>Referent trainer:</source>
      <translation>Formateur référent :</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="108" />
      <source>Own account:</source>
      <translation>Compte de l'apprenti :</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="109" />
      <source>Legal guardians:</source>
      <translation>Représentants légaux :</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="129" />
      <source>(no tutor)</source>
      <translation>(aucun maître d'apprentissage)</translation>
    </message>
  </context>
  <context>
    <name>ApprenticeSelector</name>
    <message>
      <location filename="../../views/selector.py" line="29" />
      <source>Previous apprentice (Ctrl+PgUp)</source>
      <translation>Apprenti précédent (Ctrl+Page préc.)</translation>
    </message>
    <message>
      <location filename="../../views/selector.py" line="32" />
      <source>Next apprentice (Ctrl+PgDown)</source>
      <translation>Apprenti suivant (Ctrl+Page suiv.)</translation>
    </message>
    <message>
      <location filename="../../views/selector.py" line="33" />
      <source>&amp;Class:</source>
      <translation>&amp;Classe :</translation>
    </message>
    <message>
      <location filename="../../views/selector.py" line="35" />
      <source>&amp;Apprentice:</source>
      <translation>&amp;Apprenti :</translation>
    </message>
  </context>
  <context>
    <name>ApprenticeTableModel</name>
    <message>
      <location filename="../../views/admin/models.py" line="185" />
      <source>Apprentice</source>
      <translation>Apprenti</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="186" />
      <source>Class</source>
      <translation>Classe</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="187" />
      <source>Company</source>
      <translation>Entreprise</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="188" />
      <source>Company tutor</source>
      <translation>Maître d'apprentissage</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="189" />
      <source>Referent</source>
      <translation>Référent</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="190" />
      <source>Born on</source>
      <translation>Né(e) le</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="191" />
      <source>INE</source>
      <translation>INE</translation>
    </message>
  </context>
  <context>
    <name>ApprenticesTab</name>
    <message>
      <location filename="../../views/admin/apprentices.py" line="296" />
      <source>New…</source>
      <translation>Nouveau…</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="297" />
      <source>Edit…</source>
      <translation>Modifier…</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="299" />
      <source>Export the record (GDPR)…</source>
      <translation>Exporter le dossier (RGPD)…</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="302" />
      <source>Erase the apprentice…</source>
      <translation>Effacer l'apprenti…</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="327" />
      <source>Export the apprentice's record</source>
      <translation>Exporter le dossier de l'apprenti</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="330" />
      <source>ZIP archive (*.zip)</source>
      <translation>Archive ZIP (*.zip)</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="346" />
      <source>The record of %1 was written to %2 (%3: %4 attachment(s), %5 PDF(s)).</source>
      <translation>Le dossier de %1 a été enregistré dans %2 (%3 : %4 pièce(s) jointe(s), %5 PDF).</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="502" />
      <source>Choose an apprentice in the selector above.</source>
      <translation>Choisissez un apprenti dans le sélecteur ci-dessus.</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="512" />
      <source>No company period yet.</source>
      <translation>Aucune période en entreprise pour le moment.</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="522" />
      <source>%1 sheet(s) not read</source>
      <translation>%1 fiche(s) non lue(s)</translation>
    </message>
  </context>
  <context>
    <name>AttachmentTableModel</name>
    <message>
      <location filename="../../views/activities/models.py" line="393" />
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <location filename="../../views/activities/models.py" line="394" />
      <source>Kind</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../../views/activities/models.py" line="395" />
      <source>Size</source>
      <translation>Taille</translation>
    </message>
    <message>
      <location filename="../../views/activities/models.py" line="396" />
      <source>Added by</source>
      <translation>Ajouté par</translation>
    </message>
    <message>
      <location filename="../../views/activities/models.py" line="397" />
      <source>Added on</source>
      <translation>Ajouté le</translation>
    </message>
    <message>
      <location filename="../../views/activities/models.py" line="410" />
      <source>File</source>
      <translation>Fichier</translation>
    </message>
    <message>
      <location filename="../../views/activities/models.py" line="410" />
      <source>Web link</source>
      <translation>Lien web</translation>
    </message>
  </context>
  <context>
    <name>AttachmentsPage</name>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="487" />
      <source>Attachments</source>
      <translation>Annexes associées</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="488" />
      <source>Documents and web links attached to the logbook.</source>
      <translation>Les documents et liens web associés au journal de bord.</translation>
    </message>
  </context>
  <context>
    <name>AttachmentsPanel</name>
    <message>
      <location filename="../../views/activities/attachments.py" line="106" />
      <source>Add a &amp;file…</source>
      <extracomment>An attachment was added or deleted (the sheet is changed for its readers).</extracomment>
      <translation>Ajouter un &amp;fichier…</translation>
    </message>
    <message>
      <location filename="../../views/activities/attachments.py" line="107" />
      <source>Add a &amp;web link…</source>
      <translation>Ajouter un &amp;lien web…</translation>
    </message>
    <message>
      <location filename="../../views/activities/attachments.py" line="108" />
      <source>&amp;Save to disk…</source>
      <translation>&amp;Enregistrer sur le disque…</translation>
    </message>
    <message>
      <location filename="../../views/activities/attachments.py" line="109" />
      <source>&amp;Open the link</source>
      <translation>&amp;Ouvrir le lien</translation>
    </message>
    <message>
      <location filename="../../views/activities/attachments.py" line="110" />
      <source>&amp;Delete</source>
      <translation>&amp;Supprimer</translation>
    </message>
    <message>
      <location filename="../../views/activities/attachments.py" line="112" />
      <source>Files of at most %1.</source>
      <translation>Fichiers de %1 au plus.</translation>
    </message>
    <message>
      <location filename="../../views/activities/attachments.py" line="116" />
      <source>No attachment.</source>
      <translation>Aucune annexe.</translation>
    </message>
    <message>
      <location filename="../../views/activities/attachments.py" line="184" />
      <location filename="../../views/activities/attachments.py" line="192" />
      <source>Attach a file</source>
      <translation>Joindre un fichier</translation>
    </message>
    <message>
      <location filename="../../views/activities/attachments.py" line="205" />
      <source>Add a web link</source>
      <translation>Ajouter un lien web</translation>
    </message>
    <message>
      <location filename="../../views/activities/attachments.py" line="214" />
      <source>Save the attachment</source>
      <translation>Enregistrer l'annexe</translation>
    </message>
    <message>
      <location filename="../../views/activities/attachments.py" line="231" />
      <source>Open the link</source>
      <translation>Ouvrir le lien</translation>
    </message>
    <message>
      <location filename="../../views/activities/attachments.py" line="239" />
      <source>No web browser opened the address %1.</source>
      <translation>Aucun navigateur web n'a ouvert l'adresse %1.</translation>
    </message>
    <message>
      <location filename="../../views/activities/attachments.py" line="246" />
      <source>Delete the attachment</source>
      <translation>Supprimer l'annexe</translation>
    </message>
    <message>
      <location filename="../../views/activities/attachments.py" line="247" />
      <source>Delete « %1 »?</source>
      <translation>Supprimer « %1 » ?</translation>
    </message>
  </context>
  <context>
    <name>AuditActions</name>
    <message>
      <location filename="../../views/admin/audit.py" line="30" />
      <source>Record export</source>
      <translation>Export du dossier</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="31" />
      <source>Erasure</source>
      <translation>Effacement</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="32" />
      <source>Booklet printed</source>
      <translation>Impression du livret</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="33" />
      <source>Reviews printed</source>
      <translation>Impression des bilans</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="34" />
      <source>Logbook printed</source>
      <translation>Impression du journal de bord</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="35" />
      <source>Dashboard printed or exported</source>
      <translation>Impression du tableau de bord</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="38" />
      <source>Account created</source>
      <translation>Création de compte</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="39" />
      <source>Account changed</source>
      <translation>Modification de compte</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="40" />
      <source>Role changed</source>
      <translation>Changement de rôle</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="41" />
      <source>Account deactivated</source>
      <translation>Désactivation de compte</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="44" />
      <source>Account reactivated</source>
      <translation>Réactivation de compte</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="47" />
      <source>Password reset</source>
      <translation>Réinitialisation du mot de passe</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="48" />
      <source>Password changed</source>
      <translation>Changement de mot de passe</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="49" />
      <source>Rights changed</source>
      <translation>Changement des droits</translation>
    </message>
  </context>
  <context>
    <name>AuditTab</name>
    <message>
      <location filename="../../views/admin/audit.py" line="116" />
      <source>All actions</source>
      <translation>Toutes les actions</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="121" />
      <source>Person, subject or detail…</source>
      <translation>Personne, sujet ou détail…</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="123" />
      <source>Filter</source>
      <translation>Filtrer</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="129" />
      <source>From:</source>
      <translation>Du :</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="131" />
      <source>To:</source>
      <translation>Au :</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="165" />
      <source>Only the %1 most recent rows are shown: narrow the filters to see older ones.</source>
      <translation>Seules les %1 lignes les plus récentes sont affichées : précisez les filtres pour voir les plus anciennes.</translation>
    </message>
  </context>
  <context>
    <name>AuditTableModel</name>
    <message>
      <location filename="../../views/admin/audit.py" line="67" />
      <source>When</source>
      <translation>Date et heure</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="68" />
      <source>Who</source>
      <translation>Qui</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="69" />
      <source>Action</source>
      <translation>Action</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="70" />
      <source>About</source>
      <translation>Concerne</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="71" />
      <source>Detail</source>
      <translation>Détail</translation>
    </message>
    <message>
      <location filename="../../views/admin/audit.py" line="97" />
      <source>%1 (UTC)</source>
      <translation>%1 (temps universel)</translation>
    </message>
  </context>
  <context>
    <name>BookletAsk</name>
    <message>
      <location filename="../../views/booklet/ask.py" line="30" />
      <location filename="../../views/booklet/ask.py" line="38" />
      <location filename="../../views/booklet/ask.py" line="52" />
      <source>Apprenticeship booklet</source>
      <translation>Livret d'apprentissage</translation>
    </message>
    <message>
      <location filename="../../views/booklet/ask.py" line="61" />
      <source>Save as PDF</source>
      <translation>Enregistrer en PDF</translation>
    </message>
    <message>
      <location filename="../../views/booklet/ask.py" line="63" />
      <source>PDF documents (*.pdf)</source>
      <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../views/booklet/ask.py" line="71" />
      <source>Choose a folder</source>
      <translation>Choisir un dossier</translation>
    </message>
    <message>
      <location filename="../../views/booklet/ask.py" line="78" />
      <source>Add a reference document</source>
      <translation>Ajouter un document de référence</translation>
    </message>
    <message>
      <location filename="../../views/booklet/ask.py" line="86" />
      <source>Save the document</source>
      <translation>Enregistrer le document</translation>
    </message>
  </context>
  <context>
    <name>BookletPage</name>
    <message>
      <location filename="../../views/booklet/page.py" line="71" />
      <source>Positioning at entry</source>
      <translation>Positionnement à l'entrée en formation</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="74" />
      <source>Opinion of the teaching team at entry</source>
      <translation>Avis de l'équipe pédagogique à l'entrée en formation</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="77" />
      <source>Planned progression in the company</source>
      <translation>Progression pédagogique envisagée en entreprise</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="80" />
      <source>Planned progression in the centre</source>
      <translation>Progression pédagogique envisagée en centre de formation</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="83" />
      <source>The apprentice's training review</source>
      <translation>Bilan de formation de l'apprenti</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="86" />
      <source>The apprentice's orientation project</source>
      <translation>Projet d'orientation de l'apprenti</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="96" />
      <source>Not written yet.</source>
      <translation>Pas encore renseigné.</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="97" />
      <source>changed by {name} on {date}</source>
      <translation>modifié par {name} le {date}</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="223" />
      <source>Save as PDF…</source>
      <extracomment>Processes of a class printing (the machines of the centre have two cores).</extracomment>
      <translation>Enregistrer en PDF…</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="224" />
      <source>Print…</source>
      <translation>Imprimer…</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="225" />
      <source>Opens the booklet in the PDF viewer, to print it</source>
      <translation>Ouvre le livret dans la visionneuse PDF, pour l'imprimer</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="226" />
      <source>Print a class…</source>
      <translation>Imprimer une classe…</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="232" />
      <source>Choose an apprentice to see his booklet.</source>
      <translation>Choisissez un apprenti pour voir son livret.</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="258" />
      <source>Contacts</source>
      <translation>Les interlocuteurs de l'apprenti</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="260" />
      <source>Alternance calendar</source>
      <translation>Calendrier de l'alternance</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="262" />
      <source>Reference documents</source>
      <translation>Documents de référence</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="263" />
      <source>Add a document…</source>
      <translation>Ajouter un document…</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="264" />
      <source>Remove</source>
      <translation>Retirer</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="265" />
      <source>Save a copy…</source>
      <translation>Enregistrer une copie…</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="272" />
      <source>Welcome booklet</source>
      <translation>Livret d'accueil</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="285" />
      <source>Synthesis of the training phases</source>
      <translation>Synthèse des phases de la formation</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="287" />
      <source>Add (centre)…</source>
      <translation>Ajouter (centre)…</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="288" />
      <source>Add (company)…</source>
      <translation>Ajouter (entreprise)…</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="289" />
      <location filename="../../views/booklet/page.py" line="304" />
      <location filename="../../views/booklet/page.py" line="315" />
      <source>Edit…</source>
      <translation>Modifier…</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="290" />
      <location filename="../../views/booklet/page.py" line="305" />
      <location filename="../../views/booklet/page.py" line="316" />
      <source>Delete</source>
      <translation>Supprimer</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="301" />
      <source>Individual interviews</source>
      <translation>Entretiens individuels</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="303" />
      <source>Add…</source>
      <translation>Ajouter…</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="312" />
      <source>Company visits</source>
      <translation>Visites en entreprise</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="313" />
      <source>Plan a visit…</source>
      <translation>Prévoir une visite…</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="314" />
      <source>Report the visit…</source>
      <translation>Rendre compte de la visite…</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="331" />
      <source>Follow-up booklet</source>
      <translation>Livret de suivi</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="380" />
      <source>{diploma} ({level}), class {name} — {year}
Training centre: {centre}</source>
      <translation>{diploma} ({level}), classe {name} — {year}
Centre de formation : {centre}</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="466" />
      <source>Remove the reference document “{name}”?</source>
      <translation>Retirer le document de référence « {name} » ?</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="533" />
      <source>Delete this synthesis?</source>
      <translation>Supprimer cette synthèse ?</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="568" />
      <source>Delete this interview?</source>
      <translation>Supprimer cet entretien ?</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="625" />
      <source>Delete this visit?</source>
      <translation>Supprimer cette visite ?</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="663" />
      <source>Booklet saved</source>
      <translation>Livret enregistré</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="664" />
      <source>{path}
{pages} pages.</source>
      <translation>{path}
{pages} pages.</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="676" />
      <source>No PDF viewer could open {path}.</source>
      <translation>Aucune visionneuse PDF n'a pu ouvrir {path}.</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="682" />
      <source>You cannot print the booklet of any class.</source>
      <translation>Vous ne pouvez imprimer le livret d'aucune classe.</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="694" />
      <source>Printing the booklets…</source>
      <translation>Impression des livrets…</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="694" />
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="696" />
      <source>Print a class</source>
      <translation>Imprimer une classe</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="715" />
      <source>Printed: {name} ({done}/{total})</source>
      <translation>Imprimé : {name} ({done}/{total})</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="732" />
      <source>Class printing cancelled</source>
      <translation>Impression de la classe annulée</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="734" />
      <source>Class printed</source>
      <translation>Classe imprimée</translation>
    </message>
    <message>
      <location filename="../../views/booklet/page.py" line="734" />
      <source>Class printed with errors</source>
      <translation>Classe imprimée avec des erreurs</translation>
    </message>
  </context>
  <context>
    <name>CalendarModel</name>
    <message>
      <location filename="../../views/booklet/models.py" line="107" />
      <source>Class</source>
      <translation>Classe</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="108" />
      <source>Company period</source>
      <translation>Période en entreprise</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="109" />
      <source>From</source>
      <translation>Du</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="110" />
      <source>To</source>
      <translation>Au</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="111" />
      <source>Weeks</source>
      <translation>Semaines</translation>
    </message>
  </context>
  <context>
    <name>CentreReviewDialog</name>
    <message>
      <location filename="../../views/reviews/company.py" line="40" />
      <source>Interim competence review</source>
      <translation>Bilan intermédiaire de compétences</translation>
    </message>
  </context>
  <context>
    <name>CentreTab</name>
    <message>
      <location filename="../../views/admin/centre.py" line="53" />
      <source>Centre name:</source>
      <translation>Nom du centre :</translation>
    </message>
    <message>
      <location filename="../../views/admin/centre.py" line="54" />
      <source>UAI code:</source>
      <translation>Code UAI :</translation>
    </message>
    <message>
      <location filename="../../views/admin/centre.py" line="55" />
      <source>Address:</source>
      <translation>Adresse :</translation>
    </message>
    <message>
      <location filename="../../views/admin/centre.py" line="56" />
      <source>Postcode and town:</source>
      <translation>Code postal et ville :</translation>
    </message>
    <message>
      <location filename="../../views/admin/centre.py" line="57" />
      <source>Phone:</source>
      <translation>Téléphone :</translation>
    </message>
    <message>
      <location filename="../../views/admin/centre.py" line="58" />
      <source>Email:</source>
      <translation>Courriel :</translation>
    </message>
    <message>
      <location filename="../../views/admin/centre.py" line="60" />
      <source>The centre's identity is printed on every booklet, sheet and review.</source>
      <translation>L'identité du centre est imprimée sur chaque livret, fiche et bilan.</translation>
    </message>
    <message>
      <location filename="../../views/admin/centre.py" line="66" />
      <source>Save</source>
      <translation>Enregistrer</translation>
    </message>
    <message>
      <location filename="../../views/admin/centre.py" line="68" />
      <source>Revert</source>
      <translation>Annuler les modifications</translation>
    </message>
    <message>
      <location filename="../../views/admin/centre.py" line="129" />
      <source>Saved.</source>
      <translation>Enregistré.</translation>
    </message>
  </context>
  <context>
    <name>ChangeTableModel</name>
    <message>
      <location filename="../../views/admin/import_preview.py" line="109" />
      <source>Action</source>
      <extracomment>Row backgrounds of the changes table, one per action (soft, so the text stays readable).</extracomment>
      <translation>Action</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="110" />
      <source>Kind</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="111" />
      <source>Identifier</source>
      <translation>Identifiant</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="112" />
      <source>Label</source>
      <translation>Libellé</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="113" />
      <source>What changes</source>
      <translation>Ce qui change</translation>
    </message>
  </context>
  <context>
    <name>ClassDialog</name>
    <message>
      <location filename="../../views/admin/classes.py" line="27" />
      <source>New class</source>
      <translation>Nouvelle classe</translation>
    </message>
    <message>
      <location filename="../../views/admin/classes.py" line="27" />
      <source>Edit class</source>
      <translation>Modifier la classe</translation>
    </message>
    <message>
      <location filename="../../views/admin/classes.py" line="31" />
      <source>e.g. Première Bac Pro MELEC</source>
      <translation>par ex. Première Bac Pro MELEC</translation>
    </message>
    <message>
      <location filename="../../views/admin/classes.py" line="39" />
      <source>(choose a diploma)</source>
      <translation>(choisissez un diplôme)</translation>
    </message>
    <message>
      <location filename="../../views/admin/classes.py" line="46" />
      <source>(choose a school year)</source>
      <translation>(choisissez une année scolaire)</translation>
    </message>
    <message>
      <location filename="../../views/admin/classes.py" line="53" />
      <source>Class name:</source>
      <translation>Nom de la classe :</translation>
    </message>
    <message>
      <location filename="../../views/admin/classes.py" line="54" />
      <source>Level:</source>
      <translation>Niveau :</translation>
    </message>
    <message>
      <location filename="../../views/admin/classes.py" line="55" />
      <source>Training year (1 to 3):</source>
      <translation>Année de formation (1 à 3) :</translation>
    </message>
    <message>
      <location filename="../../views/admin/classes.py" line="56" />
      <source>Diploma:</source>
      <translation>Diplôme :</translation>
    </message>
    <message>
      <location filename="../../views/admin/classes.py" line="57" />
      <source>School year:</source>
      <translation>Année scolaire :</translation>
    </message>
    <message>
      <location filename="../../views/admin/classes.py" line="58" />
      <source>Trainers:</source>
      <translation>Formateurs :</translation>
    </message>
  </context>
  <context>
    <name>ClassPrintDialog</name>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="213" />
      <source>Print the booklets of a class</source>
      <translation>Imprimer les livrets d'une classe</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="220" />
      <source>{label} — {count} apprentice(s)</source>
      <translation>{label} — {count} apprenti(s)</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="225" />
      <source>Class:</source>
      <translation>Classe :</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="227" />
      <source>One PDF per apprentice, into a folder</source>
      <translation>Un PDF par apprenti, dans un dossier</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="228" />
      <source>One PDF for the whole class</source>
      <translation>Un seul PDF pour toute la classe</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="237" />
      <source>Folder or file</source>
      <translation>Dossier ou fichier</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="238" />
      <source>Browse…</source>
      <translation>Parcourir…</translation>
    </message>
  </context>
  <context>
    <name>ClassTableModel</name>
    <message>
      <location filename="../../views/admin/models.py" line="108" />
      <source>Class</source>
      <translation>Classe</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="109" />
      <source>Level</source>
      <translation>Niveau</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="110" />
      <source>Year</source>
      <translation>Année</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="111" />
      <source>Diploma</source>
      <translation>Diplôme</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="112" />
      <source>School year</source>
      <translation>Année scolaire</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="113" />
      <source>Trainers</source>
      <translation>Formateurs</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="114" />
      <source>Apprentices</source>
      <translation>Apprentis</translation>
    </message>
  </context>
  <context>
    <name>ClassesTab</name>
    <message>
      <location filename="../../views/admin/classes.py" line="86" />
      <source>New…</source>
      <translation>Nouvelle…</translation>
    </message>
    <message>
      <location filename="../../views/admin/classes.py" line="87" />
      <source>Edit…</source>
      <translation>Modifier…</translation>
    </message>
  </context>
  <context>
    <name>CommentListModel</name>
    <message>
      <location filename="../../views/activities/models.py" line="478" />
      <source>%1, on %2</source>
      <translation>%1, le %2</translation>
    </message>
    <message>
      <location filename="../../views/activities/models.py" line="479" />
      <source>(former account)</source>
      <translation>(ancien compte)</translation>
    </message>
    <message>
      <location filename="../../views/activities/models.py" line="483" />
      <source>(edited on %1)</source>
      <translation>(modifié le %1)</translation>
    </message>
    <message>
      <location filename="../../views/activities/models.py" line="488" />
      <source>Your comment: you may edit or delete it.</source>
      <translation>Votre commentaire : vous pouvez le modifier ou le supprimer.</translation>
    </message>
  </context>
  <context>
    <name>CommentsPanel</name>
    <message>
      <location filename="../../views/activities/comments.py" line="56" />
      <source>Your comment, for the apprentice and his referent trainer…</source>
      <translation>Votre commentaire, pour l'apprenti et son formateur référent…</translation>
    </message>
    <message>
      <location filename="../../views/activities/comments.py" line="59" />
      <location filename="../../views/activities/comments.py" line="131" />
      <source>Add the &amp;comment</source>
      <translation>Ajouter le &amp;commentaire</translation>
    </message>
    <message>
      <location filename="../../views/activities/comments.py" line="60" />
      <source>Edit</source>
      <translation>Modifier</translation>
    </message>
    <message>
      <location filename="../../views/activities/comments.py" line="61" />
      <source>Delete</source>
      <translation>Supprimer</translation>
    </message>
    <message>
      <location filename="../../views/activities/comments.py" line="62" />
      <source>Cancel the edit</source>
      <translation>Annuler la modification</translation>
    </message>
    <message>
      <location filename="../../views/activities/comments.py" line="106" />
      <source>Comments (%1)</source>
      <translation>Commentaires (%1)</translation>
    </message>
    <message>
      <location filename="../../views/activities/comments.py" line="108" />
      <source>Comments</source>
      <translation>Commentaires</translation>
    </message>
    <message>
      <location filename="../../views/activities/comments.py" line="108" />
      <source>none yet</source>
      <translation>aucun pour le moment</translation>
    </message>
    <message>
      <location filename="../../views/activities/comments.py" line="131" />
      <source>Save the &amp;change</source>
      <translation>Enregistrer la &amp;modification</translation>
    </message>
    <message>
      <location filename="../../views/activities/comments.py" line="140" />
      <source>Comment</source>
      <translation>Commentaire</translation>
    </message>
    <message>
      <location filename="../../views/activities/comments.py" line="182" />
      <source>Delete the comment</source>
      <translation>Supprimer le commentaire</translation>
    </message>
    <message>
      <location filename="../../views/activities/comments.py" line="183" />
      <source>Delete your comment?</source>
      <translation>Supprimer votre commentaire ?</translation>
    </message>
  </context>
  <context>
    <name>CompaniesTab</name>
    <message>
      <location filename="../../views/admin/companies.py" line="108" />
      <source>New…</source>
      <translation>Nouvelle…</translation>
    </message>
    <message>
      <location filename="../../views/admin/companies.py" line="109" />
      <source>Edit…</source>
      <translation>Modifier…</translation>
    </message>
  </context>
  <context>
    <name>CompanyDialog</name>
    <message>
      <location filename="../../views/admin/companies.py" line="23" />
      <source>New company</source>
      <translation>Nouvelle entreprise</translation>
    </message>
    <message>
      <location filename="../../views/admin/companies.py" line="23" />
      <source>Edit company</source>
      <translation>Modifier l'entreprise</translation>
    </message>
    <message>
      <location filename="../../views/admin/companies.py" line="26" />
      <source>14 digits (optional)</source>
      <translation>14 chiffres (facultatif)</translation>
    </message>
    <message>
      <location filename="../../views/admin/companies.py" line="36" />
      <source>Known location (for the map)</source>
      <translation>Localisation connue (pour la carte)</translation>
    </message>
    <message>
      <location filename="../../views/admin/companies.py" line="43" />
      <source>Latitude:</source>
      <translation>Latitude :</translation>
    </message>
    <message>
      <location filename="../../views/admin/companies.py" line="44" />
      <source>Longitude:</source>
      <translation>Longitude :</translation>
    </message>
    <message>
      <location filename="../../views/admin/companies.py" line="50" />
      <source>Company name:</source>
      <translation>Raison sociale :</translation>
    </message>
    <message>
      <location filename="../../views/admin/companies.py" line="51" />
      <source>SIRET:</source>
      <translation>SIRET :</translation>
    </message>
    <message>
      <location filename="../../views/admin/companies.py" line="52" />
      <source>Address:</source>
      <translation>Adresse :</translation>
    </message>
    <message>
      <location filename="../../views/admin/companies.py" line="53" />
      <source>Postcode and town:</source>
      <translation>Code postal et ville :</translation>
    </message>
    <message>
      <location filename="../../views/admin/companies.py" line="56" />
      <source>Phone:</source>
      <translation>Téléphone :</translation>
    </message>
    <message>
      <location filename="../../views/admin/companies.py" line="57" />
      <source>Email:</source>
      <translation>Courriel :</translation>
    </message>
    <message>
      <location filename="../../views/admin/companies.py" line="59" />
      <source>Coordinates:</source>
      <translation>Coordonnées :</translation>
    </message>
  </context>
  <context>
    <name>CompanyMap</name>
    <message>
      <location filename="../../views/activities/map_widget.py" line="432" />
      <source>No location.</source>
      <extracomment>Once over budget, evict down to this share of it (so that eviction is not per tile). A tile bigger than this is not a tile: the download is abandoned. Tiles fetched beyond the visible ones, and an upper bound on a view's tiles. Printed on the map when tiles come from OpenStreetMap's servers (their licence requires it; the notice is kept in its original wording on purpose). Network errors that mean "no server answers": the other tiles need not be tried.</extracomment>
      <translation>Aucun lieu à afficher.</translation>
    </message>
    <message>
      <location filename="../../views/activities/map_widget.py" line="440" />
      <source>Zoom in</source>
      <translation>Zoom avant</translation>
    </message>
    <message>
      <location filename="../../views/activities/map_widget.py" line="441" />
      <source>Zoom out</source>
      <translation>Zoom arrière</translation>
    </message>
    <message>
      <location filename="../../views/activities/map_widget.py" line="452" />
      <location filename="../../views/activities/map_widget.py" line="699" />
      <source>Open the map in the browser</source>
      <translation>Ouvrir la carte dans le navigateur</translation>
    </message>
    <message>
      <location filename="../../views/activities/map_widget.py" line="489" />
      <source>Try again</source>
      <translation>Réessayer</translation>
    </message>
    <message>
      <location filename="../../views/activities/map_widget.py" line="544" />
      <source>The company's coordinates are unknown: the map cannot be shown.</source>
      <translation>Les coordonnées de l'entreprise sont inconnues : la carte ne peut pas être affichée.</translation>
    </message>
    <message>
      <location filename="../../views/activities/map_widget.py" line="546" />
      <source>No host company recorded.</source>
      <translation>Aucune entreprise d'accueil renseignée.</translation>
    </message>
    <message>
      <location filename="../../views/activities/map_widget.py" line="551" />
      <source>Loading the map…</source>
      <translation>Chargement de la carte…</translation>
    </message>
    <message>
      <location filename="../../views/activities/map_widget.py" line="669" />
      <source>The map is not available: no map server answers (offline?). The address and the coordinates are shown instead.</source>
      <translation>Carte indisponible : aucun serveur de cartes ne répond (hors connexion ?). L'adresse et les coordonnées sont affichées à la place.</translation>
    </message>
    <message>
      <location filename="../../views/activities/map_widget.py" line="673" />
      <source>No map server is configured (see the settings).</source>
      <translation>Aucun serveur de cartes n'est configuré (voir les réglages).</translation>
    </message>
    <message>
      <location filename="../../views/activities/map_widget.py" line="701" />
      <source>Search for the address in the browser</source>
      <translation>Rechercher l'adresse dans le navigateur</translation>
    </message>
  </context>
  <context>
    <name>CompanyPage</name>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="123" />
      <source>Host company</source>
      <translation>Entreprise d'accueil</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="124" />
      <source>Where the apprentice works, and who follows him there.</source>
      <translation>Le lieu de réalisation, et qui y suit l'apprenti.</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="140" />
      <source>Company</source>
      <translation>Entreprise</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="141" />
      <source>Apprenticeship master</source>
      <translation>Maître d'apprentissage</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="142" />
      <source>Referent trainer</source>
      <translation>Formateur référent</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="157" />
      <source>Place of work:</source>
      <translation>Lieu de réalisation :</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="158" />
      <source>Contacts:</source>
      <translation>Contacts :</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="159" />
      <source>Presentation of the company:</source>
      <translation>Présentation de l'entreprise :</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="171" />
      <source>No company recorded.</source>
      <translation>Aucune entreprise enregistrée.</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="176" />
      <location filename="../../views/activities/logbook_pages.py" line="177" />
      <source>Not recorded.</source>
      <translation>Non renseigné.</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="206" />
      <location filename="../../views/activities/logbook_pages.py" line="249" />
      <source>Save the logbook</source>
      <translation>Enregistrer le journal de bord</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="230" />
      <source>Place of work</source>
      <translation>Lieu de réalisation</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="231" />
      <source>Contacts</source>
      <translation>Contacts</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="232" />
      <source>Presentation of the company</source>
      <translation>Présentation de l'entreprise</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="234" />
      <source>Their version</source>
      <translation>L'autre version</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="255" />
      <source>The other version, replaced by yours (kept here to copy from)</source>
      <translation>L'autre version, remplacée par la vôtre (gardée ici pour que vous puissiez la copier)</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="263" />
      <source>Your version, not saved (kept here to copy from)</source>
      <translation>Votre version, non enregistrée (gardée ici pour que vous puissiez la copier)</translation>
    </message>
  </context>
  <context>
    <name>CompanyTableModel</name>
    <message>
      <location filename="../../views/admin/models.py" line="147" />
      <source>Company</source>
      <translation>Entreprise</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="148" />
      <source>SIRET</source>
      <translation>SIRET</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="149" />
      <source>Town</source>
      <translation>Ville</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="150" />
      <source>Phone</source>
      <translation>Téléphone</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="151" />
      <source>Email</source>
      <translation>Courriel</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="152" />
      <source>Tutors</source>
      <translation>Tuteurs</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="153" />
      <source>Apprentices</source>
      <translation>Apprentis</translation>
    </message>
  </context>
  <context>
    <name>ComparisonModel</name>
    <message>
      <location filename="../../views/reviews/models.py" line="159" />
      <source>Competences</source>
      <translation>Compétences</translation>
    </message>
    <message>
      <location filename="../../views/reviews/models.py" line="181" />
      <source>Proposed mark</source>
      <translation>Note proposée</translation>
    </message>
  </context>
  <context>
    <name>ComparisonTab</name>
    <message>
      <location filename="../../views/reviews/archive.py" line="155" />
      <source>No validated review yet.</source>
      <translation>Aucun bilan validé pour le moment.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="164" />
      <source>Column icons: a rectangle for a review in the centre, a pill for a review in the company.</source>
      <translation>Icônes des colonnes : un rectangle pour un bilan en centre de formation, une gélule pour un bilan en entreprise.</translation>
    </message>
  </context>
  <context>
    <name>CompetenceLegend</name>
    <message>
      <location filename="../../views/dashboard/legend.py" line="109" />
      <source>Rectangle: rated in the training centre</source>
      <translation>Rectangle : positionnement en centre de formation</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/legend.py" line="110" />
      <source>Pill: rated in the company</source>
      <translation>Gélule : positionnement en entreprise</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/legend.py" line="111" />
      <source>Black line: grids on its left already taken into account</source>
      <translation>Trait noir : à sa gauche, grilles déjà prises en compte par un bilan</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/legend.py" line="113" />
      <source>Interim review in the centre</source>
      <translation>Bilan intermédiaire en centre</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/legend.py" line="115" />
      <source>Interim review in the company</source>
      <translation>Bilan en entreprise</translation>
    </message>
  </context>
  <context>
    <name>CompetenceReviewsPage</name>
    <message>
      <location filename="../../views/reviews/archive.py" line="217" />
      <source>Print the &amp;review (PDF)…</source>
      <extracomment>The reader's unread validated reviews over all his apprentices (the module entry's counter): emitted when the page reads them again and when opening one marks it read. The unread reviews of the apprentice shown (their tabs carry the marker). The count over the reader's whole scope; None until first asked or read.</extracomment>
      <translation>Imprimer le &amp;bilan (PDF)…</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="218" />
      <source>Print the &amp;comparison (PDF)…</source>
      <translation>Imprimer la &amp;comparaison (PDF)…</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="270" />
      <source>Choose an apprentice in the selector above.</source>
      <translation>Choisissez un apprenti dans le sélecteur ci-dessus.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="285" />
      <source>Competence reviews — %1</source>
      <translation>Bilans de compétences — %1</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="289" />
      <source>Interim reviews of the centre and company reviews, over the whole training cycle, by date. Click a date to open its review.</source>
      <translation>Bilans intermédiaires du centre de formation et bilans des activités en entreprise, sur tout le cycle de formation, par date. Cliquez sur une date pour afficher son bilan.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="292" />
      <source>No review yet for this apprentice.</source>
      <translation>Aucun bilan pour cet apprenti pour le moment.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="296" />
      <source>Comparison</source>
      <translation>Comparaison</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="318" />
      <source>Draft</source>
      <translation>Brouillon</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="326" />
      <source>draft, visible to you only</source>
      <translation>brouillon, visible de vous seul</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="328" />
      <source>new: not read yet</source>
      <translation>nouveau : pas encore lu</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="355" />
      <source>Opening the review</source>
      <translation>Ouverture du bilan</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="396" />
      <location filename="../../views/reviews/archive.py" line="398" />
      <location filename="../../views/reviews/archive.py" line="408" />
      <source>Print the review</source>
      <translation>Imprimer le bilan</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="417" />
      <location filename="../../views/reviews/archive.py" line="419" />
      <location filename="../../views/reviews/archive.py" line="427" />
      <source>Print the comparison</source>
      <translation>Imprimer la comparaison</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="451" />
      <source>PDF saved: %1</source>
      <translation>PDF enregistré : %1</translation>
    </message>
  </context>
  <context>
    <name>CompetenceTableModel</name>
    <message>
      <location filename="../../views/dashboard/models.py" line="259" />
      <source>Competences and criteria</source>
      <extracomment>Which painter draws the cell (a `Shape`), or None. What the painter draws: a `RatingResult` or a `CompetenceLevel`. True on the cells (and header section) after which the thick black line runs. The row's `RowKind`. Header: the training year a column is grouped under. Header: the column's `Origin`. Header: "grid", "grid-certifying", "review" or "week" (the header's small icon). Everything the delegate paints in one call: (shape or 0, value, background or None, boundary), or None for a cell with nothing to paint. One role instead of four: a delegate's every `index.data()` is a round trip through C++.</extracomment>
      <translation>Compétences et critères</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/models.py" line="280" />
      <source>Interim reviews of the competence</source>
      <translation>Bilans intermédiaires de la compétence</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/models.py" line="286" />
      <source>Levels given to %1 by the successive interim reviews</source>
      <translation>Niveaux donnés à %1 par les bilans intermédiaires successifs</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/models.py" line="312" />
      <source>Rating grid of %1</source>
      <translation>Grille de positionnement du %1</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/models.py" line="318" />
      <location filename="../../views/dashboard/models.py" line="333" />
      <source>Author: %1</source>
      <translation>Auteur : %1</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/models.py" line="320" />
      <source>Taken into account by an interim review</source>
      <translation>Prise en compte par un bilan intermédiaire</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/models.py" line="322" />
      <source>Not reviewed yet — double-click to change it</source>
      <translation>Pas encore prise en compte — double-cliquez pour la modifier</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/models.py" line="324" />
      <source>Not reviewed yet</source>
      <translation>Pas encore prise en compte par un bilan</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/models.py" line="329" />
      <source>Interim review of %1</source>
      <translation>Bilan intermédiaire du %1</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/models.py" line="348" />
      <source>Remark: %1</source>
      <translation>Remarque : %1</translation>
    </message>
  </context>
  <context>
    <name>ConflictDialog</name>
    <message>
      <location filename="../../views/activities/conflict.py" line="63" />
      <source>Saved elsewhere meanwhile</source>
      <extracomment>(heading, their text, my text) of one part of the form.</extracomment>
      <translation>Enregistré ailleurs entre-temps</translation>
    </message>
    <message>
      <location filename="../../views/activities/conflict.py" line="71" />
      <source>Parts that differ are highlighted.</source>
      <translation>Les parties qui diffèrent sont surlignées.</translation>
    </message>
    <message>
      <location filename="../../views/activities/conflict.py" line="77" />
      <source>Your version (not saved)</source>
      <translation>Votre version (non enregistrée)</translation>
    </message>
    <message>
      <location filename="../../views/activities/conflict.py" line="82" />
      <source>&amp;Keep my version</source>
      <translation>&amp;Garder ma version</translation>
    </message>
    <message>
      <location filename="../../views/activities/conflict.py" line="84" />
      <source>Save your text over theirs; theirs stays shown so that you can copy from it.</source>
      <translation>Enregistrer votre texte à la place de l'autre ; l'autre reste affiché pour que vous puissiez le copier.</translation>
    </message>
    <message>
      <location filename="../../views/activities/conflict.py" line="86" />
      <source>&amp;Take their version</source>
      <translation>&amp;Reprendre l'autre version</translation>
    </message>
    <message>
      <location filename="../../views/activities/conflict.py" line="88" />
      <source>Show their text in the form; yours stays shown so that you can copy from it.</source>
      <translation>Afficher l'autre texte dans le formulaire ; le vôtre reste affiché pour que vous puissiez le copier.</translation>
    </message>
    <message>
      <location filename="../../views/activities/conflict.py" line="90" />
      <source>Back to editing</source>
      <translation>Revenir à la saisie</translation>
    </message>
  </context>
  <context>
    <name>ContactsModel</name>
    <message>
      <location filename="../../views/booklet/models.py" line="86" />
      <source>Contact</source>
      <extracomment>Suggested column widths in pixels (the last column stretches).</extracomment>
      <translation>Interlocuteur</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="87" />
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="88" />
      <source>Position, organisation</source>
      <translation>Fonction, structure</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="89" />
      <source>Address</source>
      <translation>Adresse</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="90" />
      <source>Phone</source>
      <translation>Téléphone</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="91" />
      <source>Email</source>
      <translation>Courriel</translation>
    </message>
  </context>
  <context>
    <name>DashboardLabels</name>
    <message>
      <location filename="../../views/dashboard/labels.py" line="20" />
      <source>Total success, autonomously</source>
      <translation>Réussite totale en autonomie</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/labels.py" line="23" />
      <source>Total success, with help</source>
      <translation>Réussite totale avec aide</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/labels.py" line="26" />
      <source>Partial success</source>
      <translation>Réussite partielle</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/labels.py" line="27" />
      <source>Criterion not assessable</source>
      <translation>Critère non évaluable</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/labels.py" line="30" />
      <source>Apprentice absent</source>
      <translation>Apprenti absent</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/labels.py" line="37" />
      <source>Competence fully acquired and transferable</source>
      <translation>Compétence totalement acquise et transférable</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/labels.py" line="40" />
      <source>Competence partially acquired</source>
      <translation>Compétence partiellement acquise</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/labels.py" line="43" />
      <source>Competence being acquired, not yet stable</source>
      <translation>Compétence en cours d'acquisition, non stabilisée</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/labels.py" line="46" />
      <source>Competence not acquired</source>
      <translation>Compétence non acquise</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/labels.py" line="49" />
      <source>Competence not assessed</source>
      <translation>Compétence non évaluée</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/labels.py" line="58" />
      <source>Centre — formative</source>
      <translation>Centre — formatif</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/labels.py" line="61" />
      <source>Centre — certifying</source>
      <translation>Centre — certificatif</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/labels.py" line="64" />
      <location filename="../../views/dashboard/labels.py" line="73" />
      <source>Company</source>
      <translation>Entreprise</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/labels.py" line="71" />
      <source>Training centre</source>
      <translation>Centre de formation</translation>
    </message>
  </context>
  <context>
    <name>DashboardPage</name>
    <message>
      <location filename="../../views/dashboard/page.py" line="120" />
      <source>&amp;New rating grid…</source>
      <translation>&amp;Nouvelle grille de positionnement…</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/page.py" line="121" />
      <source>&amp;Class grid…</source>
      <translation>Grille de la &amp;classe…</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/page.py" line="122" />
      <source>C&amp;hange the grid…</source>
      <translation>&amp;Modifier la grille…</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/page.py" line="124" />
      <source>Change the grid of the selected column (yours, not yet reviewed)</source>
      <translation>Modifier la grille de la colonne choisie (la vôtre, pas encore prise en compte par un bilan)</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/page.py" line="126" />
      <source>Interim &amp;review…</source>
      <translation>&amp;Bilan intermédiaire…</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/page.py" line="128" />
      <source>Start or resume an interim competence review in the centre</source>
      <translation>Commencer ou reprendre un bilan intermédiaire de compétences en centre de formation</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/page.py" line="130" />
      <source>Export to &amp;PDF…</source>
      <translation>Exporter en &amp;PDF…</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/page.py" line="131" />
      <source>Export to CS&amp;V…</source>
      <translation>Exporter en CS&amp;V…</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/page.py" line="156" />
      <source>View by competences</source>
      <translation>Vue par compétences</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/page.py" line="157" />
      <source>View by activities</source>
      <translation>Vue par activités</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/page.py" line="209" />
      <source>Choose an apprentice to see his dashboard.</source>
      <translation>Choisissez un apprenti pour afficher son tableau de bord.</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/page.py" line="225" />
      <source>Apprentice dashboard</source>
      <translation>Tableau de bord de l'apprenti</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/page.py" line="344" />
      <source>Rating grid</source>
      <translation>Grille de positionnement</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/page.py" line="368" />
      <location filename="../../views/dashboard/page.py" line="370" />
      <location filename="../../views/dashboard/page.py" line="380" />
      <source>Export to PDF</source>
      <translation>Exporter en PDF</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/page.py" line="368" />
      <source>PDF (*.pdf)</source>
      <translation>PDF (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/page.py" line="410" />
      <location filename="../../views/dashboard/page.py" line="412" />
      <location filename="../../views/dashboard/page.py" line="422" />
      <source>Export to CSV</source>
      <translation>Exporter en CSV</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/page.py" line="410" />
      <source>CSV (*.csv)</source>
      <translation>CSV (*.csv)</translation>
    </message>
  </context>
  <context>
    <name>DiplomaDialog</name>
    <message>
      <location filename="../../views/admin/frameworks.py" line="56" />
      <source>New diploma</source>
      <translation>Nouveau diplôme</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="56" />
      <source>Edit diploma</source>
      <translation>Modifier le diplôme</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="62" />
      <source>e.g. Baccalauréat professionnel (niveau 4)</source>
      <translation>par ex. Baccalauréat professionnel (niveau 4)</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="64" />
      <source>(the diploma's name)</source>
      <translation>(l'intitulé du diplôme)</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="65" />
      <source>Code:</source>
      <translation>Code :</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="66" />
      <source>Diploma name:</source>
      <translation>Intitulé du diplôme :</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="67" />
      <source>Level:</source>
      <translation>Niveau :</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="68" />
      <source>Framework name:</source>
      <translation>Nom du référentiel :</translation>
    </message>
  </context>
  <context>
    <name>DocumentsModel</name>
    <message>
      <location filename="../../views/booklet/models.py" line="134" />
      <source>Document</source>
      <translation>Document</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="135" />
      <source>Size</source>
      <translation>Taille</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="136" />
      <source>Added by</source>
      <translation>Ajouté par</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="137" />
      <source>On</source>
      <translation>Le</translation>
    </message>
  </context>
  <context>
    <name>ErasureDialog</name>
    <message>
      <location filename="../../views/admin/apprentices.py" line="192" />
      <source>Erase an apprentice</source>
      <translation>Effacer un apprenti</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="200" />
      <source>Everything the store holds about %1 will be erased. This cannot be undone: export his record first if it must be kept.</source>
      <translation>Tout ce que la base contient sur %1 va être effacé. C'est irréversible : exportez d'abord son dossier s'il doit être conservé.</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="228" />
      <source>Validated reviews are documents: the reason is kept in the audit trail. Export the record first if they must be kept.</source>
      <translation>Les bilans validés sont des documents : la raison est gardée au journal d'audit. Exportez d'abord le dossier s'ils doivent être conservés.</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="233" />
      <source>e.g. request of the apprentice (GDPR), record exported on …</source>
      <translation>ex. : demande de l'apprenti (RGPD), dossier exporté le …</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="264" />
      <source>What stays:</source>
      <translation>Ce qui reste :</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="262" />
      <source>Will be erased:</source>
      <translation>Sera effacé :</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="236" />
      <source>Why erase %1 validated review(s)?</source>
      <translation>Pourquoi effacer %1 bilan(s) validé(s) ?</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="247" />
      <source>Type his name (%1) to confirm:</source>
      <translation>Tapez son nom (%1) pour confirmer :</translation>
    </message>
    <message>
      <location filename="../../views/admin/apprentices.py" line="249" />
      <source>Erase permanently</source>
      <translation>Effacer définitivement</translation>
    </message>
  </context>
  <context>
    <name>FiltersBar</name>
    <message>
      <location filename="../../views/dashboard/filters.py" line="54" />
      <source>&amp;Units:</source>
      <translation>&amp;Unités :</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/filters.py" line="64" />
      <source>&amp;Year:</source>
      <translation>&amp;Année :</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/filters.py" line="66" />
      <source>&amp;From</source>
      <translation>&amp;Du</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/filters.py" line="77" />
      <source>Show &amp;everything</source>
      <translation>&amp;Tout afficher</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/filters.py" line="97" />
      <source>to</source>
      <translation>au</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/filters.py" line="91" />
      <source>Ratings:</source>
      <translation>Positionnements :</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/filters.py" line="120" />
      <source>Show all</source>
      <translation>Tout afficher</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/filters.py" line="127" />
      <source>Whole cycle</source>
      <translation>Tout le cycle de formation</translation>
    </message>
  </context>
  <context>
    <name>FirstRunDialog</name>
    <message>
      <location filename="../../views/login.py" line="197" />
      <source>CPRO Desktop — First start</source>
      <translation>CPRO Desktop — Premier démarrage</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="201" />
      <source>This database has no account yet. Create the administrator's account: he will then create the other accounts, the school year and the classes.</source>
      <translation>Cette base ne contient encore aucun compte. Créez le compte de l'administrateur : il créera ensuite les autres comptes, l'année scolaire et les classes.</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="215" />
      <source>Last name:</source>
      <translation>Nom :</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="216" />
      <source>First name:</source>
      <translation>Prénom :</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="217" />
      <source>Login:</source>
      <translation>Identifiant :</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="218" />
      <source>Password:</source>
      <translation>Mot de passe :</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="219" />
      <source>Password again:</source>
      <translation>Confirmation du mot de passe :</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="227" />
      <source>Create the administrator</source>
      <translation>Créer l'administrateur</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="240" />
      <source>The two passwords differ.</source>
      <translation>Les deux mots de passe sont différents.</translation>
    </message>
  </context>
  <context>
    <name>FrameworkImportDialog</name>
    <message>
      <location filename="../../views/admin/import_preview.py" line="442" />
      <source>Import a competency framework</source>
      <translation>Importer un référentiel de compétences</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="444" />
      <source>Levels of the tree</source>
      <translation>Niveaux de l'arborescence</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="457" />
      <source>(the framework's name in the file)</source>
      <translation>(le nom du référentiel dans le fichier)</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="463" />
      <source>Target diploma:</source>
      <translation>Diplôme cible :</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="478" />
      <source>Depth</source>
      <translation>Profondeur</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="479" />
      <source>Taxonomy</source>
      <translation>Taxonomie</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="480" />
      <source>Items</source>
      <translation>Éléments</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="481" />
      <source>Example</source>
      <translation>Exemple</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="482" />
      <source>Imported as</source>
      <translation>Importé comme</translation>
    </message>
  </context>
  <context>
    <name>FrameworkTreeModel</name>
    <message>
      <location filename="../../views/admin/models.py" line="248" />
      <source>Code</source>
      <extracomment>What a tree node is: "diploma", a group, or an `ItemKind` value. The node's snapshot: `FrameworkTree` for a diploma, `FrameworkItem` for an item. The diploma the node belongs to (every node has it). A key that survives a reload ("kind:id"), to restore selection and expansion.</extracomment>
      <translation>Code</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="248" />
      <source>Label</source>
      <translation>Libellé</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="250" />
      <source>Units</source>
      <translation>Unités</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="251" />
      <source>Competences</source>
      <translation>Compétences</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="252" />
      <source>Professional activities</source>
      <translation>Activités professionnelles</translation>
    </message>
  </context>
  <context>
    <name>FrameworksTab</name>
    <message>
      <location filename="../../views/admin/frameworks.py" line="181" />
      <source>New diploma…</source>
      <translation>Nouveau diplôme…</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="184" />
      <source>Add a unit…</source>
      <translation>Ajouter une unité…</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="187" />
      <source>Add a competence…</source>
      <translation>Ajouter une compétence…</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="190" />
      <source>Add a criterion…</source>
      <translation>Ajouter un critère…</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="193" />
      <source>Add an activity…</source>
      <translation>Ajouter une activité…</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="196" />
      <source>Add a task…</source>
      <translation>Ajouter une tâche…</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="199" />
      <source>Edit…</source>
      <translation>Modifier…</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="200" />
      <source>Delete</source>
      <translation>Supprimer</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="201" />
      <source>Move up</source>
      <translation>Monter</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="202" />
      <source>Move down</source>
      <translation>Descendre</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="367" />
      <source>Delete "%1"? This cannot be undone.</source>
      <translation>Supprimer « %1 » ? Cette suppression est définitive.</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="369" />
      <source>Its %1 sub-item(s) go with it.</source>
      <translation>Ses %1 sous-élément(s) seront supprimés avec.</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="372" />
      <source>Delete from the framework</source>
      <translation>Supprimer du référentiel</translation>
    </message>
  </context>
  <context>
    <name>ImportPreviewDialog</name>
    <message>
      <location filename="../../views/admin/import_preview.py" line="243" />
      <source>File: %1</source>
      <translation>Fichier : %1</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="264" />
      <source>Show unchanged rows</source>
      <translation>Afficher les inchangés</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="311" />
      <source>Import</source>
      <translation>Importer</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="316" />
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="351" />
      <source>What the import does (%1 rows):</source>
      <translation>Ce que fera l'importation (%1 lignes) :</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="356" />
      <source>Problems found in the file (%1 errors, %2 warnings):</source>
      <translation>Problèmes trouvés dans le fichier (%1 erreur(s), %2 avertissement(s)) :</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="366" />
      <source>Import only the valid part (%1 lines left out)</source>
      <translation>Importer seulement la partie valide (%1 ligne(s) écartée(s))</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="370" />
      <source>Import only the valid part</source>
      <translation>Importer seulement la partie valide</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="423" />
      <source>Import done</source>
      <translation>Importation terminée</translation>
    </message>
  </context>
  <context>
    <name>ImportsTab</name>
    <message>
      <location filename="../../views/admin/imports.py" line="51" />
      <source>Competency framework</source>
      <extracomment>The fields of a students preview's refusals that its dialog's options can fix.</extracomment>
      <translation>Référentiel de compétences</translation>
    </message>
    <message>
      <location filename="../../views/admin/imports.py" line="53" />
      <source>Import a framework (Moodle, CSV)…</source>
      <translation>Importer un référentiel (Moodle, CSV)…</translation>
    </message>
    <message>
      <location filename="../../views/admin/imports.py" line="60" />
      <source>The CSV file written by Moodle's competency framework export (Site administration › Competencies › Export competency framework), with English or French headers, or none; commas or semicolons; UTF-8. The preview shows how the tree's levels become units, competences and criteria, and lets you change it. Importing again updates the framework (matched on the ID numbers) and never deletes anything.</source>
      <translation>Le fichier CSV écrit par l'export de référentiel de compétences de Moodle (Administration du site › Compétences › Exporter un référentiel de compétences), avec des en-têtes anglais, français ou sans en-tête ; virgules ou points-virgules ; UTF-8. L'aperçu montre comment les niveaux de l'arborescence deviennent unités, compétences et critères, et permet de le changer. Une nouvelle importation met le référentiel à jour (d'après les numéros d'identification) et ne supprime jamais rien.</translation>
    </message>
    <message>
      <location filename="../../views/admin/imports.py" line="70" />
      <source>Students</source>
      <translation>Élèves</translation>
    </message>
    <message>
      <location filename="../../views/admin/imports.py" line="72" />
      <source>Import students (SIECLE XML/ZIP or CSV)…</source>
      <translation>Importer des élèves (SIECLE XML/ZIP ou CSV)…</translation>
    </message>
    <message>
      <location filename="../../views/admin/imports.py" line="79" />
      <source>The SIECLE export of the school (ElevesSansAdresses.xml or ElevesAvecAdresses.xml, zipped or not), or a spreadsheet saved as CSV (semicolons; columns such as INE, Nom, Prénom, Date de naissance, Classe). Apprentices are matched on their INE, else on their name and birth date: importing again updates them, never duplicates nor deletes. Missing classes are created for the school year you choose.</source>
      <translation>L'export SIECLE de l'établissement (ElevesSansAdresses.xml ou ElevesAvecAdresses.xml, zippé ou non), ou un tableur enregistré en CSV (points-virgules ; colonnes telles que INE, Nom, Prénom, Date de naissance, Classe). Les apprentis sont reconnus par leur INE, à défaut par leur nom et leur date de naissance : une nouvelle importation les met à jour, sans doublon ni suppression. Les classes manquantes sont créées pour l'année scolaire choisie.</translation>
    </message>
    <message>
      <location filename="../../views/admin/imports.py" line="89" />
      <source>Export to Moodle</source>
      <translation>Export vers Moodle</translation>
    </message>
    <message>
      <location filename="../../views/admin/imports.py" line="93" />
      <source>Export a framework to Moodle…</source>
      <translation>Exporter un référentiel vers Moodle…</translation>
    </message>
    <message>
      <location filename="../../views/admin/imports.py" line="97" />
      <source>Diploma:</source>
      <translation>Diplôme :</translation>
    </message>
    <message>
      <location filename="../../views/admin/imports.py" line="103" />
      <source>Writes the diploma's framework as a CSV file that Moodle's competency framework import reads (Site administration › Competencies › Import competency framework); ID numbers, names and parents are kept.</source>
      <translation>Écrit le référentiel du diplôme dans un fichier CSV que l'import de référentiel de compétences de Moodle sait lire (Administration du site › Compétences › Importer un référentiel de compétences) ; numéros d'identification, noms et parents sont conservés.</translation>
    </message>
    <message>
      <location filename="../../views/admin/imports.py" line="173" />
      <source>Import a competency framework</source>
      <translation>Importer un référentiel de compétences</translation>
    </message>
    <message>
      <location filename="../../views/admin/imports.py" line="174" />
      <source>Moodle CSV (*.csv *.txt);;All files (*)</source>
      <translation>CSV Moodle (*.csv *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
      <location filename="../../views/admin/imports.py" line="188" />
      <source>Import students</source>
      <translation>Importer des élèves</translation>
    </message>
    <message>
      <location filename="../../views/admin/imports.py" line="192" />
      <source>SIECLE or CSV (*.xml *.zip *.csv *.txt);;All files (*)</source>
      <translation>SIECLE ou CSV (*.xml *.zip *.csv *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
      <location filename="../../views/admin/imports.py" line="225" />
      <source>Export a framework to Moodle</source>
      <translation>Exporter un référentiel vers Moodle</translation>
    </message>
    <message>
      <location filename="../../views/admin/imports.py" line="230" />
      <source>CSV (*.csv)</source>
      <translation>CSV (*.csv)</translation>
    </message>
    <message>
      <location filename="../../views/admin/imports.py" line="245" />
      <source>The framework (%1 items) was written to %2.</source>
      <translation>Le référentiel (%1 éléments) a été écrit dans %2.</translation>
    </message>
  </context>
  <context>
    <name>InterviewDialog</name>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="110" />
      <source>Individual interview</source>
      <translation>Entretien individuel</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="115" />
      <source>Date:</source>
      <translation>Date :</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="116" />
      <source>Participants:</source>
      <translation>Participants :</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="117" />
      <source>What was said:</source>
      <translation>Ce qui a été dit :</translation>
    </message>
  </context>
  <context>
    <name>InterviewsModel</name>
    <message>
      <location filename="../../views/booklet/models.py" line="176" />
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="177" />
      <source>Participants</source>
      <translation>Participants</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="178" />
      <source>What was said</source>
      <translation>Ce qui a été dit</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="179" />
      <source>Last changed by</source>
      <translation>Modifié en dernier par</translation>
    </message>
  </context>
  <context>
    <name>ItemDialog</name>
    <message>
      <location filename="../../views/admin/frameworks.py" line="108" />
      <source>New unit</source>
      <translation>Nouvelle unité</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="108" />
      <source>Edit unit</source>
      <translation>Modifier l'unité</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="109" />
      <source>New competence</source>
      <translation>Nouvelle compétence</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="109" />
      <source>Edit competence</source>
      <translation>Modifier la compétence</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="110" />
      <source>New criterion</source>
      <translation>Nouveau critère</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="110" />
      <source>Edit criterion</source>
      <translation>Modifier le critère</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="112" />
      <source>New professional activity</source>
      <translation>Nouvelle activité professionnelle</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="113" />
      <source>Edit professional activity</source>
      <translation>Modifier l'activité professionnelle</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="115" />
      <source>New task</source>
      <translation>Nouvelle tâche</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="115" />
      <source>Edit task</source>
      <translation>Modifier la tâche</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="121" />
      <source>Code:</source>
      <translation>Code :</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="122" />
      <source>Label:</source>
      <translation>Libellé :</translation>
    </message>
    <message>
      <location filename="../../views/admin/frameworks.py" line="129" />
      <source>Units:</source>
      <translation>Unités :</translation>
    </message>
  </context>
  <context>
    <name>JudgementPanel</name>
    <message>
      <location filename="../../views/reviews/panel.py" line="68" />
      <source>&lt;b&gt;To help you judge&lt;/b&gt;</source>
      <extracomment>The dashboard's colours of the five results (SPEC "Scales").</extracomment>
      <translation>&lt;b&gt;Pour vous aider à juger&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="112" />
      <source>Hover or focus a competence's level to see the ratings of its criteria, the activity sheets linked to it and its earlier review levels.</source>
      <translation>Survolez ou sélectionnez le niveau d'une compétence pour voir les positionnements de ses critères, les fiches activités qui lui sont liées et ses niveaux dans les bilans précédents.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="119" />
      <source>company</source>
      <translation>entreprise</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="119" />
      <source>centre</source>
      <translation>centre</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="140" />
      <source>Company ratings of its criteria</source>
      <translation>Positionnements en entreprise de ses critères</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="142" />
      <source>Ratings of its criteria</source>
      <translation>Positionnements de ses critères</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="145" />
      <source>None yet.</source>
      <translation>Aucun pour le moment.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="148" />
      <source>Linked activity sheets</source>
      <translation>Fiches activités liées</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="149" />
      <location filename="../../views/reviews/panel.py" line="174" />
      <source>(untitled)</source>
      <translation>(sans titre)</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="158" />
      <source>Earlier reviews</source>
      <translation>Bilans précédents</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="175" />
      <source>Recent activity sheets</source>
      <translation>Fiches activités récentes</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="177" />
      <source>No activity sheet written yet.</source>
      <translation>Aucune fiche activité rédigée pour le moment.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="179" />
      <source>last modified on %1</source>
      <translation>dernière modification le : %1</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="189" />
      <source>Period reviews</source>
      <translation>Bilans de la période</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="191" />
      <source>No period review yet.</source>
      <translation>Aucun bilan de période pour le moment.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="193" />
      <source>%1, from %2 to %3</source>
      <translation>%1, du %2 au %3</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="198" />
      <source>by %1 on %2</source>
      <translation>par %1 le %2</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="206" />
      <source>Company ratings, by competence</source>
      <translation>Positionnements en entreprise, par compétence</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="208" />
      <source>Ratings, by competence</source>
      <translation>Positionnements, par compétence</translation>
    </message>
    <message>
      <location filename="../../views/reviews/panel.py" line="213" />
      <source>No rating yet.</source>
      <translation>Aucun positionnement pour le moment.</translation>
    </message>
  </context>
  <context>
    <name>LevelBadge</name>
    <message>
      <location filename="../../views/reviews/level_badge.py" line="201" />
      <source>Level of %1</source>
      <extracomment>The selector's order, as the seed lists the levels. From lowest to highest, for the "+" and "-" keys (NE is outside the scale). The badge was hovered or focused: the form shows what helps judge this competence.</extracomment>
      <translation>Niveau de %1</translation>
    </message>
    <message>
      <location filename="../../views/reviews/level_badge.py" line="203" />
      <source>Level</source>
      <translation>Niveau</translation>
    </message>
    <message>
      <location filename="../../views/reviews/level_badge.py" line="211" />
      <source>Hover or focus (Tab) to choose: click a level, or use the left and right arrows, + and -; Enter goes on to the next competence.</source>
      <translation>Survolez ou sélectionnez (Tab) pour choisir : cliquez sur un niveau, ou utilisez les flèches gauche et droite, + et - ; Entrée passe à la compétence suivante.</translation>
    </message>
  </context>
  <context>
    <name>LogbookWizard</name>
    <message>
      <location filename="../../views/activities/logbook_wizard.py" line="76" />
      <source>&lt; &amp;Back</source>
      <translation>&lt; &amp;Précédent</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_wizard.py" line="77" />
      <source>&amp;Save this page</source>
      <translation>&amp;Enregistrer cette page</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_wizard.py" line="78" />
      <source>&amp;Print the logbook</source>
      <translation>&amp;Imprimer le journal de bord</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_wizard.py" line="79" />
      <source>&amp;Next &gt;</source>
      <translation>&amp;Suivant &gt;</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_wizard.py" line="80" />
      <source>&amp;Finish</source>
      <translation>&amp;Terminer</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_wizard.py" line="81" />
      <source>Close</source>
      <translation>Fermer</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_wizard.py" line="120" />
      <location filename="../../views/activities/logbook_wizard.py" line="139" />
      <source>Logbook</source>
      <translation>Journal de bord</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_wizard.py" line="125" />
      <source>Logbook — %1 — %2</source>
      <translation>Journal de bord — %1 — %2</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_wizard.py" line="206" />
      <source>This page has changes that are not saved. Save them?</source>
      <translation>Cette page a des modifications non enregistrées. Les enregistrer ?</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_wizard.py" line="245" />
      <source>Print the logbook</source>
      <translation>Imprimer le journal de bord</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_wizard.py" line="269" />
      <source>PDF saved: %1 (%2 page(s)).</source>
      <translation>PDF enregistré : %1 (%2 page(s)).</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <location filename="../../views/login.py" line="79" />
      <source>CPRO Desktop — Sign in</source>
      <translation>CPRO Desktop — Connexion</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="81" />
      <source>&lt;h3&gt;Sign in to CPRO Desktop&lt;/h3&gt;</source>
      <translation>&lt;h3&gt;Connexion à CPRO Desktop&lt;/h3&gt;</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="83" />
      <location filename="../../views/login.py" line="146" />
      <location filename="../../views/login.py" line="151" />
      <source>Database: %1</source>
      <translation>Base de données : %1</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="91" />
      <source>&amp;Login:</source>
      <translation>&amp;Identifiant :</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="92" />
      <source>&amp;Password:</source>
      <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="99" />
      <source>Sign in</source>
      <translation>Se connecter</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="103" />
      <source>Settings…</source>
      <translation>Réglages…</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="120" />
      <source>Opening the database…</source>
      <translation>Ouverture de la base de données…</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../views/main_window.py" line="63" />
      <source>CPRO Desktop</source>
      <translation>CPRO Desktop</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="154" />
      <source>Apprentice: %1</source>
      <translation>Apprenti : %1</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="188" />
      <source>%1 — %2 — %3 database: %4</source>
      <translation>%1 — %2 — base %3 : %4</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="211" />
      <source>The application cannot check that it is talking to the centre's server: someone on the network could pose as it and read or change the data. Ask the centre's IT person for the certificate of the centre's authority and choose sslmode=verify-full in the settings.</source>
      <translation>L'application ne peut pas vérifier qu'elle communique bien avec le serveur du centre : quelqu'un sur le réseau pourrait se faire passer pour lui et lire ou modifier les données. Demandez au responsable informatique le certificat de l'autorité du centre et choisissez sslmode=verify-full dans les réglages.</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="221" />
      <source>&amp;File</source>
      <translation>&amp;Fichier</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="222" />
      <source>&amp;Settings…</source>
      <translation>&amp;Réglages…</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="225" />
      <source>Sign &amp;out</source>
      <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="228" />
      <source>&amp;Quit</source>
      <translation>&amp;Quitter</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="235" />
      <source>&amp;Go</source>
      <translation>&amp;Aller à</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="242" />
      <source>&amp;Previous apprentice</source>
      <translation>Apprenti &amp;précédent</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="245" />
      <source>&amp;Next apprentice</source>
      <translation>Apprenti &amp;suivant</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="248" />
      <source>&amp;Choose an apprentice</source>
      <translation>&amp;Choisir un apprenti</translation>
    </message>
  </context>
  <context>
    <name>MapPage</name>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="320" />
      <source>Company location</source>
      <translation>Géolocalisation de l'entreprise</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="321" />
      <source>The host company on the map.</source>
      <translation>L'entreprise d'accueil sur la carte.</translation>
    </message>
  </context>
  <context>
    <name>Modules</name>
    <message>
      <location filename="../../views/modules.py" line="15" />
      <source>Company activity follow-up</source>
      <translation>Suivi des activités en entreprise</translation>
    </message>
    <message>
      <location filename="../../views/modules.py" line="16" />
      <source>Apprentice dashboards</source>
      <translation>Tableaux de bord de l'apprenti</translation>
    </message>
    <message>
      <location filename="../../views/modules.py" line="17" />
      <source>Company activity reviews</source>
      <translation>Bilans des activités en entreprise</translation>
    </message>
    <message>
      <location filename="../../views/modules.py" line="18" />
      <source>Competence reviews</source>
      <translation>Bilans de compétences</translation>
    </message>
    <message>
      <location filename="../../views/modules.py" line="19" />
      <source>Apprenticeship booklet</source>
      <translation>Livret d'apprentissage</translation>
    </message>
    <message>
      <location filename="../../views/modules.py" line="20" />
      <source>Administration</source>
      <translation>Administration</translation>
    </message>
    <message>
      <location filename="../../views/modules.py" line="29" />
      <source>1 activity sheet new or changed since you last read it</source>
      <translation>1 fiche activité nouvelle ou modifiée depuis votre dernière lecture</translation>
    </message>
    <message>
      <location filename="../../views/modules.py" line="32" />
      <source>%1 activity sheets new or changed since you last read them</source>
      <translation>%1 fiches activité nouvelles ou modifiées depuis votre dernière lecture</translation>
    </message>
    <message>
      <location filename="../../views/modules.py" line="37" />
      <source>1 validated company review not read yet</source>
      <translation>1 bilan entreprise validé pas encore lu</translation>
    </message>
    <message>
      <location filename="../../views/modules.py" line="38" />
      <source>%1 validated company reviews not read yet</source>
      <translation>%1 bilans entreprise validés pas encore lus</translation>
    </message>
  </context>
  <context>
    <name>ObjectivesPage</name>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="277" />
      <source>Objectives of the period</source>
      <translation>Objectifs de la période</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="279" />
      <source>The training objectives and the activities planned by the referent trainer.</source>
      <translation>Les objectifs de formation et les activités prévisionnelles définis par le formateur référent.</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="288" />
      <source>Not written yet.</source>
      <translation>Non renseigné pour le moment.</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="290" />
      <source>Training objectives</source>
      <translation>Objectifs de formation</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="292" />
      <source>Planned activities</source>
      <translation>Activités prévisionnelles</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="298" />
      <source>Professional tasks planned</source>
      <translation>Tâches professionnelles prévues</translation>
    </message>
  </context>
  <context>
    <name>OtherVersionPanel</name>
    <message>
      <location filename="../../views/activities/conflict.py" line="126" />
      <source>Hide</source>
      <translation>Masquer</translation>
    </message>
  </context>
  <context>
    <name>PasswordDialog</name>
    <message>
      <location filename="../../views/admin/accounts.py" line="118" />
      <source>New password for %1</source>
      <translation>Nouveau mot de passe pour %1</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="123" />
      <source>New password:</source>
      <translation>Nouveau mot de passe :</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="124" />
      <source>Password again:</source>
      <translation>Confirmation du mot de passe :</translation>
    </message>
    <message>
      <location filename="../../views/admin/accounts.py" line="128" />
      <source>The two passwords differ.</source>
      <translation>Les deux mots de passe sont différents.</translation>
    </message>
  </context>
  <context>
    <name>PeriodEditorDialog</name>
    <message>
      <location filename="../../views/activities/period_editor.py" line="93" />
      <source>from</source>
      <translation>du</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="95" />
      <source>to</source>
      <translation>au</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="99" />
      <source>Name:</source>
      <translation>Nom :</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="100" />
      <source>Dates:</source>
      <translation>Dates :</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="101" />
      <source>Training objectives:</source>
      <translation>Objectifs de formation :</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="102" />
      <source>Planned activities:</source>
      <translation>Activités prévisionnelles :</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="103" />
      <source>Planned tasks:</source>
      <translation>Tâches prévues :</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="129" />
      <source>Period</source>
      <translation>Période</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="145" />
      <source>New period</source>
      <translation>Nouvelle période</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="155" />
      <source>Saving creates a portfolio for each apprentice of the class, with one activity sheet per week of the period.</source>
      <translation>L'enregistrement crée un portfolio pour chaque apprenti de la classe, avec une fiche activité par semaine de la période.</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="162" />
      <source>Change the period — %1</source>
      <translation>Modifier la période — %1</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="172" />
      <source>%1 portfolio(s). Changing the dates adds the new weeks' sheets; a dropped week's sheet is deleted when empty, otherwise kept with its content and flagged.</source>
      <translation>%1 portfolio(s). Changer les dates ajoute les fiches des nouvelles semaines ; la fiche d'une semaine retirée est supprimée si elle est vide, sinon conservée avec son contenu et signalée.</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="176" />
      <source>%1 retired sheet(s) kept.</source>
      <translation>%1 fiche(s) retirée(s) conservée(s).</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="185" />
      <source>The end precedes the start.</source>
      <translation>La fin précède le début.</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="191" />
      <source>%1 week(s): %2 to %3</source>
      <translation>%1 semaine(s) : %2 à %3</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="208" />
      <source>Save the period</source>
      <translation>Enregistrer la période</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="240" />
      <source>The period is saved.</source>
      <translation>La période est enregistrée.</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="242" />
      <source>portfolio(s) created</source>
      <translation>portfolio(s) créé(s)</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="243" />
      <source>activity sheet(s) created</source>
      <translation>fiche(s) activité créée(s)</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="244" />
      <source>empty sheet(s) of dropped weeks deleted</source>
      <translation>fiche(s) vide(s) de semaines retirées supprimée(s)</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="247" />
      <source>sheet(s) of dropped weeks retired: kept with their content, flagged</source>
      <translation>fiche(s) de semaines retirées mise(s) de côté : conservée(s) avec leur contenu, signalée(s)</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="249" />
      <source>retired sheet(s) back in the period</source>
      <translation>fiche(s) retirée(s) revenue(s) dans la période</translation>
    </message>
    <message>
      <location filename="../../views/activities/period_editor.py" line="253" />
      <source>No sheet was added or removed.</source>
      <translation>Aucune fiche n'a été ajoutée ni retirée.</translation>
    </message>
  </context>
  <context>
    <name>PeriodListModel</name>
    <message>
      <location filename="../../views/activities/models.py" line="91" />
      <source>%1 portfolio(s); %2 sheet(s) you have not read</source>
      <translation>%1 portfolio(s) ; %2 fiche(s) que vous n'avez pas lue(s)</translation>
    </message>
  </context>
  <context>
    <name>PeriodsTab</name>
    <message>
      <location filename="../../views/activities/page.py" line="285" />
      <source>New period…</source>
      <translation>Nouvelle période…</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="287" />
      <source>Change the period…</source>
      <translation>Modifier la période…</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="308" />
      <source>Class:</source>
      <translation>Classe :</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="316" />
      <location filename="../../views/activities/page.py" line="395" />
      <location filename="../../views/activities/page.py" line="418" />
      <source>Company periods</source>
      <translation>Périodes en entreprise</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="346" />
      <source>Company activity follow-up</source>
      <translation>Suivi des activités en entreprise</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="359" />
      <source>No class to show.</source>
      <translation>Aucune classe à afficher.</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="398" />
      <source>No period for this class yet.</source>
      <translation>Aucune période pour cette classe pour le moment.</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="422" />
      <source>No portfolio you may read in this period.</source>
      <translation>Aucun portfolio que vous puissiez consulter dans cette période.</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="425" />
      <source>Click a folder to open it; a green title is a sheet the apprentice wrote or changed since you last read it.</source>
      <translation>Cliquez sur un dossier pour l'ouvrir ; un titre en vert est une fiche créée ou modifiée par l'apprenti depuis votre dernière lecture.</translation>
    </message>
  </context>
  <context>
    <name>PlaceholderPage</name>
    <message>
      <location filename="../../views/modules.py" line="64" />
      <source>This module is not built yet: it comes in a next version of CPRO Desktop. The other modules work.</source>
      <extracomment>Modules that work on the apprentice chosen in the shared selector.</extracomment>
      <translation>Ce module n'est pas encore construit : il arrive dans une prochaine version de CPRO Desktop. Les autres modules fonctionnent.</translation>
    </message>
  </context>
  <context>
    <name>PortfolioBrowser</name>
    <message>
      <location filename="../../views/activities/page.py" line="85" />
      <source>Edit the logbook</source>
      <extracomment>Something was read or saved: counts elsewhere may have changed.</extracomment>
      <translation>Éditer le journal de bord</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="87" />
      <source>Edit the company review</source>
      <translation>Éditer le bilan entreprise</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="89" />
      <source>See this sheet</source>
      <translation>Voir cette fiche</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="91" />
      <source>Delete the retired sheet…</source>
      <translation>Supprimer la fiche retirée…</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="131" />
      <source>Portfolio</source>
      <translation>Portfolio</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="248" />
      <source>Delete the retired sheet</source>
      <translation>Supprimer la fiche retirée</translation>
    </message>
    <message>
      <location filename="../../views/activities/page.py" line="251" />
      <source>Week %1 [%2] left the period, but its sheet holds content (%3 attachment(s), %4 comment(s)). Delete it for good, with everything it holds?</source>
      <translation>La semaine %1 [%2] a été retirée de la période, mais sa fiche a du contenu (%3 annexe(s), %4 commentaire(s)). La supprimer définitivement, avec tout ce qu'elle contient ?</translation>
    </message>
  </context>
  <context>
    <name>PortfolioTreeModel</name>
    <message>
      <location filename="../../views/activities/models.py" line="243" />
      <source>Portfolio: %1 sheet(s), %2 completed, %3 not read by you</source>
      <translation>Portfolio : %1 fiche(s), %2 complétée(s), %3 non lue(s) par vous</translation>
    </message>
    <message>
      <location filename="../../views/activities/models.py" line="249" />
      <source>%1 retired sheet(s) kept with their content</source>
      <translation>%1 fiche(s) retirée(s) conservée(s) avec leur contenu</translation>
    </message>
    <message>
      <location filename="../../views/activities/models.py" line="268" />
      <source>[week retired from the period]</source>
      <translation>[semaine retirée de la période]</translation>
    </message>
  </context>
  <context>
    <name>ProblemTableModel</name>
    <message>
      <location filename="../../views/admin/import_preview.py" line="177" />
      <source>Severity</source>
      <translation>Gravité</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="178" />
      <source>Where</source>
      <translation>Où</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="179" />
      <source>Problem</source>
      <translation>Problème</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="183" />
      <source>Error</source>
      <translation>Erreur</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="184" />
      <source>Warning</source>
      <translation>Attention</translation>
    </message>
  </context>
  <context>
    <name>RatingEntryDelegate</name>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="248" />
      <source>(no result)</source>
      <translation>(aucun résultat)</translation>
    </message>
  </context>
  <context>
    <name>RatingEntryModel</name>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="175" />
      <source>No result</source>
      <extracomment>Key text → result (digits and letters, upper or lower case).</extracomment>
      <translation>Aucun résultat</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="219" />
      <source>Apprentice</source>
      <translation>Apprenti</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="231" />
      <source>Criterion</source>
      <translation>Critère</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="232" />
      <source>Result</source>
      <translation>Résultat</translation>
    </message>
  </context>
  <context>
    <name>RatingGridDialog</name>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="321" />
      <source>Formative</source>
      <translation>Formative</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="322" />
      <source>Certifying</source>
      <translation>Certificative</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="325" />
      <source>e.g. Practical work: wiring a switchboard</source>
      <translation>ex. : TP câblage d'un tableau de répartition</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="334" />
      <source>&amp;Date:</source>
      <translation>&amp;Date :</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="335" />
      <source>&amp;Kind:</source>
      <translation>&amp;Type :</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="336" />
      <source>&amp;Title:</source>
      <translation>&amp;Intitulé :</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="358" />
      <source>Keyboard: %1   —   0 or Delete: clear</source>
      <translation>Clavier : %1   —   0 ou Suppr : effacer</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="369" />
      <source>&amp;Delete the grid</source>
      <translation>&amp;Supprimer la grille</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="395" />
      <source>Competences to rate:</source>
      <translation>Compétences à évaluer :</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="419" />
      <source>Change a rating grid</source>
      <translation>Modifier une grille de positionnement</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="421" />
      <source>New rating grid in the company</source>
      <translation>Nouvelle grille de positionnement en entreprise</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="422" />
      <source>New rating grid in the centre</source>
      <translation>Nouvelle grille de positionnement en centre</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="427" />
      <source>Class %1: one grid per apprentice rated (%2 apprentices).</source>
      <translation>Classe %1 : une grille par apprenti positionné (%2 apprentis).</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="431" />
      <source>Apprentice: %1</source>
      <translation>Apprenti : %1</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="491" />
      <source>The grid was not saved</source>
      <translation>La grille n'a pas été enregistrée</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="502" />
      <source>Delete the grid</source>
      <translation>Supprimer la grille</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="502" />
      <source>Delete this rating grid and its results?</source>
      <translation>Supprimer cette grille de positionnement et ses résultats ?</translation>
    </message>
    <message>
      <location filename="../../views/dashboard/grid_dialog.py" line="508" />
      <source>The grid was not deleted</source>
      <translation>La grille n'a pas été supprimée</translation>
    </message>
  </context>
  <context>
    <name>ResultDelegate</name>
    <message>
      <location filename="../../views/activities/review_model.py" line="182" />
      <source>Not rated</source>
      <translation>Non évalué</translation>
    </message>
  </context>
  <context>
    <name>ReviewCriteriaModel</name>
    <message>
      <location filename="../../views/activities/review_model.py" line="104" />
      <source>Competence / criterion</source>
      <extracomment>The dashboard's colours of the five results (SPEC "Scales"), lightened for a cell.</extracomment>
      <translation>Compétence / critère</translation>
    </message>
    <message>
      <location filename="../../views/activities/review_model.py" line="106" />
      <source>Result</source>
      <translation>Résultat</translation>
    </message>
    <message>
      <location filename="../../views/activities/review_model.py" line="124" />
      <source>Competence linked on a sheet: all its criteria are offered.</source>
      <translation>Compétence liée sur une fiche : tous ses critères sont proposés.</translation>
    </message>
    <message>
      <location filename="../../views/activities/review_model.py" line="136" />
      <source>Not rated</source>
      <translation>Non évalué</translation>
    </message>
  </context>
  <context>
    <name>ReviewForm</name>
    <message>
      <location filename="../../views/reviews/form.py" line="108" />
      <source>Review &amp;date:</source>
      <translation>&amp;Date du bilan :</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="116" />
      <source>Proposed &amp;mark (out of 20, optional):</source>
      <translation>&amp;Note proposée (sur 20, facultative) :</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="119" />
      <source>e.g. 13.5</source>
      <translation>ex. 13,5</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="136" />
      <source>&lt;b&gt;Competences of the diploma&lt;/b&gt;</source>
      <translation>&lt;b&gt;Compétences du diplôme&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="139" />
      <source>Hover or focus a blue badge to choose a level (++ + - ---); NE means not assessed. Not every competence has to be rated.</source>
      <translation>Survolez ou sélectionnez un badge bleu pour choisir un niveau (++ + - ---) ; NE signifie non évaluée. Il n'est pas obligatoire d'évaluer toutes les compétences.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="166" />
      <source>&amp;Findings (mandatory):</source>
      <translation>&amp;Constats (obligatoire) :</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="171" />
      <source>&amp;Advice (mandatory):</source>
      <translation>C&amp;onseils (obligatoire) :</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="202" />
      <source>&amp;Save the draft</source>
      <translation>&amp;Enregistrer le brouillon</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="203" />
      <source>&amp;Validate the review definitively</source>
      <translation>&amp;Valider le bilan définitivement</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="205" />
      <source>Start a &amp;new review</source>
      <translation>Commencer un &amp;nouveau bilan</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="234" />
      <location filename="../../views/reviews/form.py" line="256" />
      <source>Choose an apprentice in the selector above.</source>
      <translation>Choisissez un apprenti dans le sélecteur ci-dessus.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="262" />
      <source>Only the apprentice's company tutor writes his company reviews.</source>
      <translation>Seul le maître d'apprentissage de l'apprenti rédige ses bilans des activités en entreprise.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="264" />
      <source>Only the apprentice's trainers write his interim reviews.</source>
      <translation>Seuls les formateurs de l'apprenti rédigent ses bilans intermédiaires de compétences.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="297" />
      <source>Company activity review</source>
      <translation>Bilan des activités en entreprise</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="299" />
      <source>Interim competence review</source>
      <translation>Bilan intermédiaire de compétences</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="353" />
      <source>The apprentice's diploma has no competence.</source>
      <translation>Le diplôme de l'apprenti n'a aucune compétence.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="412" />
      <source>Validated definitively %1. This review can no longer change.</source>
      <translation>Validé définitivement %1. Ce bilan ne peut plus être modifié.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="420" />
      <source>Unsaved changes.</source>
      <translation>Modifications non enregistrées.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="422" />
      <source>New review: nothing is saved yet.</source>
      <translation>Nouveau bilan : rien n'est encore enregistré.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="424" />
      <source>Draft, visible to you only: you can save it and resume it later.</source>
      <translation>Brouillon, visible de vous seul : vous pouvez l'enregistrer et le reprendre plus tard.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="443" />
      <source>Asks you to type CONFIRMATION; after that the review can never change.</source>
      <translation>Vous demande de saisir CONFIRMATION ; ensuite, le bilan ne pourra plus jamais être modifié.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="446" />
      <source>Cannot validate yet: %1</source>
      <translation>Validation impossible pour le moment : %1</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="479" />
      <source>Saving the review</source>
      <translation>Enregistrement du bilan</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="486" />
      <source>Draft saved at %1.</source>
      <translation>Brouillon enregistré à %1.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="507" />
      <source>Validate the review definitively</source>
      <translation>Valider le bilan définitivement</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="509" />
      <source>Once validated, the review can never change again.
Type CONFIRMATION in capital letters, then click OK:</source>
      <translation>Une fois validé, le bilan ne pourra plus jamais être modifié.
Saisissez CONFIRMATION en lettres majuscules puis cliquez sur « OK » :</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="524" />
      <source>The review stays a draft (saved).</source>
      <translation>Le bilan reste un brouillon (enregistré).</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="531" />
      <source>Validating the review</source>
      <translation>Validation du bilan</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="535" />
      <source>The review is validated and archived in the competence reviews.</source>
      <translation>Le bilan est validé et archivé dans les bilans de compétences.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="566" />
      <source>The review changed elsewhere</source>
      <translation>Le bilan a changé ailleurs</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="572" />
      <source>The review was reloaded as it is stored now.</source>
      <translation>Le bilan a été rechargé tel qu'il est enregistré maintenant.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="575" />
      <source>The stored version</source>
      <translation>La version enregistrée</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="585" />
      <source>The other version, replaced by yours (kept here to copy from)</source>
      <translation>L'autre version, remplacée par la vôtre (gardée ici pour y copier)</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="591" />
      <source>Your text is kept, not saved yet: save again to replace the stored one.</source>
      <translation>Votre texte est gardé, pas encore enregistré : enregistrez à nouveau pour remplacer celui qui est enregistré.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="597" />
      <source>Findings</source>
      <translation>Constats</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="598" />
      <source>Advice</source>
      <translation>Conseils</translation>
    </message>
    <message>
      <location filename="../../views/reviews/form.py" line="604" />
      <source>Your version, not saved (kept here to copy from)</source>
      <translation>Votre version, non enregistrée (gardée ici pour y copier)</translation>
    </message>
  </context>
  <context>
    <name>ReviewLabels</name>
    <message>
      <location filename="../../views/reviews/models.py" line="38" />
      <source>Centre</source>
      <extracomment>The level of a cell, as a `CompetenceLevel` (None outside level cells). The review a column shows (a `ReviewSnapshot`), on the comparison's header. The invalid index: the table's root.</extracomment>
      <translation>Centre</translation>
    </message>
    <message>
      <location filename="../../views/reviews/models.py" line="39" />
      <source>Company</source>
      <translation>Entreprise</translation>
    </message>
  </context>
  <context>
    <name>ReviewLinesModel</name>
    <message>
      <location filename="../../views/reviews/models.py" line="109" />
      <source>Competence</source>
      <translation>Compétence</translation>
    </message>
    <message>
      <location filename="../../views/reviews/models.py" line="111" />
      <source>Level</source>
      <translation>Niveau</translation>
    </message>
  </context>
  <context>
    <name>ReviewPage</name>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="508" />
      <source>Period review</source>
      <translation>Éditer le bilan de la période</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="511" />
      <source>The apprenticeship master's appreciation, made with the referent trainer, and the criteria selected on the period's sheets.</source>
      <translation>L'appréciation du maître d'apprentissage, établie avec le formateur référent, et les critères sélectionnés sur les fiches de la période.</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="523" />
      <source>Your appreciation of the apprentice's work during this period…</source>
      <translation>Votre appréciation du travail de l'apprenti pendant cette période…</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="547" />
      <source>No criterion yet: link competences or criteria on the period's sheets (tab “Link with the framework”), they are gathered here.</source>
      <translation>Aucun critère pour le moment : liez des compétences ou des critères sur les fiches de la période (onglet « Liaison avec le référentiel »), ils sont rassemblés ici.</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="554" />
      <location filename="../../views/activities/logbook_pages.py" line="699" />
      <source>Print the blank form</source>
      <translation>Imprimer le formulaire vierge</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="558" />
      <source>Appreciation:</source>
      <translation>Appréciation :</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="563" />
      <source>Review date:</source>
      <translation>Date du bilan :</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="568" />
      <source>Criteria to assess</source>
      <translation>Critères à évaluer</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="588" />
      <source>Last saved by %1, review of %2.</source>
      <translation>Dernier enregistrement par %1, bilan du %2.</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="593" />
      <source>Not written yet.</source>
      <translation>Pas encore rédigé.</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="633" />
      <source>Save the period review</source>
      <translation>Enregistrer le bilan de la période</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="668" />
      <source>Appreciation</source>
      <translation>Appréciation</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="670" />
      <source>Results</source>
      <translation>Résultats</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="675" />
      <source>Their version (%1)</source>
      <translation>L'autre version (%1)</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="683" />
      <source>The other version, replaced by yours (kept here to copy from)</source>
      <translation>L'autre version, remplacée par la vôtre (gardée ici pour que vous puissiez la copier)</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="691" />
      <source>Your version, not saved (kept here to copy from)</source>
      <translation>Votre version, non enregistrée (gardée ici pour que vous puissiez la copier)</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="725" />
      <source>PDF saved: %1 (%2 page(s)).</source>
      <translation>PDF enregistré : %1 (%2 page(s)).</translation>
    </message>
  </context>
  <context>
    <name>ReviewTab</name>
    <message>
      <location filename="../../views/reviews/archive.py" line="93" />
      <source>&lt;b&gt;Findings:&lt;/b&gt;</source>
      <translation>&lt;b&gt;Constats :&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="94" />
      <source>&lt;b&gt;Advice:&lt;/b&gt;</source>
      <translation>&lt;b&gt;Conseils :&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="111" />
      <source>&lt;b&gt;Competences&lt;/b&gt;</source>
      <translation>&lt;b&gt;Compétences&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="122" />
      <source>Company activity review of %1</source>
      <translation>Bilan des activités en entreprise du %1</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="124" />
      <source>Interim competence review of %1</source>
      <translation>Bilan intermédiaire de compétences du %1</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="128" />
      <source>Written in the company by %1</source>
      <translation>Réalisé en entreprise par %1</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="130" />
      <source>Written in the centre by %1</source>
      <translation>Réalisé en centre de formation par %1</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="134" />
      <source>Draft: visible to you only, not validated yet.</source>
      <translation>Brouillon : visible de vous seul, pas encore validé.</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="137" />
      <source>validated definitively on %1 by %2</source>
      <translation>validé définitivement le %1 par %2</translation>
    </message>
    <message>
      <location filename="../../views/reviews/archive.py" line="142" />
      <source>proposed mark: %1</source>
      <translation>note proposée : %1</translation>
    </message>
  </context>
  <context>
    <name>Roles</name>
    <message>
      <location filename="../../views/main_window.py" line="37" />
      <source>Apprentice</source>
      <translation>Apprenti</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="38" />
      <source>Company tutor</source>
      <translation>Maître d'apprentissage</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="39" />
      <source>Trainer</source>
      <translation>Formateur</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="40" />
      <source>Administrator</source>
      <translation>Administrateur</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="41" />
      <source>Legal guardian</source>
      <translation>Représentant légal</translation>
    </message>
  </context>
  <context>
    <name>SchoolYearDialog</name>
    <message>
      <location filename="../../views/admin/school_years.py" line="33" />
      <source>New school year</source>
      <translation>Nouvelle année scolaire</translation>
    </message>
    <message>
      <location filename="../../views/admin/school_years.py" line="33" />
      <source>Edit school year</source>
      <translation>Modifier l'année scolaire</translation>
    </message>
    <message>
      <location filename="../../views/admin/school_years.py" line="39" />
      <source>School year:</source>
      <translation>Année scolaire :</translation>
    </message>
    <message>
      <location filename="../../views/admin/school_years.py" line="40" />
      <source>First day:</source>
      <translation>Premier jour :</translation>
    </message>
    <message>
      <location filename="../../views/admin/school_years.py" line="41" />
      <source>Last day:</source>
      <translation>Dernier jour :</translation>
    </message>
  </context>
  <context>
    <name>SchoolYearTableModel</name>
    <message>
      <location filename="../../views/admin/models.py" line="77" />
      <source>School year</source>
      <translation>Année scolaire</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="77" />
      <source>Start</source>
      <translation>Début</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="77" />
      <source>End</source>
      <translation>Fin</translation>
    </message>
    <message>
      <location filename="../../views/admin/models.py" line="77" />
      <source>Classes</source>
      <translation>Classes</translation>
    </message>
  </context>
  <context>
    <name>SchoolYearsTab</name>
    <message>
      <location filename="../../views/admin/school_years.py" line="66" />
      <source>New…</source>
      <translation>Nouvelle…</translation>
    </message>
    <message>
      <location filename="../../views/admin/school_years.py" line="67" />
      <source>Edit…</source>
      <translation>Modifier…</translation>
    </message>
  </context>
  <context>
    <name>SectionEditor</name>
    <message>
      <location filename="../../views/booklet/page.py" line="135" />
      <source>Save</source>
      <translation>Enregistrer</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../views/settings_dialog.py" line="46" />
      <source>Settings</source>
      <translation>Réglages</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="50" />
      <source>Database</source>
      <translation>Base de données</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="52" />
      <source>Embedded database on this computer</source>
      <translation>Base intégrée sur cet ordinateur</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="56" />
      <source>Shared PostgreSQL server</source>
      <translation>Serveur PostgreSQL partagé</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="65" />
      <source>(default)</source>
      <translation>(par défaut)</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="70" />
      <source>Browse…</source>
      <translation>Parcourir…</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="74" />
      <source>Server address (URL):</source>
      <translation>Adresse du serveur (URL) :</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="75" />
      <source>TLS mode (sslmode):</source>
      <translation>Mode TLS (sslmode) :</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="76" />
      <source>Centre's CA certificate:</source>
      <translation>Certificat de l'autorité du centre (CA) :</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="79" />
      <source>Across a network, choose verify-full with the centre's CA certificate: require encrypts but does not check the server.</source>
      <translation>À travers le réseau, choisissez verify-full avec le certificat de l'autorité du centre : require chiffre mais ne vérifie pas le serveur.</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="86" />
      <source>Test the connection</source>
      <translation>Tester la connexion</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="100" />
      <source>Display and map</source>
      <translation>Affichage et carte</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="107" />
      <source>Language:</source>
      <translation>Langue :</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="108" />
      <source>Map tile server (XYZ):</source>
      <translation>Serveur de tuiles de carte (XYZ) :</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="148" />
      <source>Centre's CA certificate</source>
      <translation>Certificat de l'autorité du centre</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="182" />
      <source>The tile server URL must contain {z}, {x} and {y}.</source>
      <translation>L'adresse du serveur de tuiles doit contenir {z}, {x} et {y}.</translation>
    </message>
  </context>
  <context>
    <name>SheetListModel</name>
    <message>
      <location filename="../../views/activities/models.py" line="339" />
      <source>[week retired from the period]</source>
      <translation>[semaine retirée de la période]</translation>
    </message>
  </context>
  <context>
    <name>SheetTooltip</name>
    <message>
      <location filename="../../views/activities/models.py" line="294" />
      <source>(no title yet)</source>
      <translation>(pas encore de titre)</translation>
    </message>
    <message>
      <location filename="../../views/activities/models.py" line="296" />
      <source>%1 attachment(s), %2 comment(s)</source>
      <translation>%1 annexe(s), %2 commentaire(s)</translation>
    </message>
    <message>
      <location filename="../../views/activities/models.py" line="302" />
      <source>Its week left the period: kept because it holds content.</source>
      <translation>Sa semaine a été retirée de la période : conservée car elle a du contenu.</translation>
    </message>
    <message>
      <location filename="../../views/activities/models.py" line="308" />
      <source>Created or changed by the apprentice since you last read it.</source>
      <translation>Créée ou modifiée par l'apprenti depuis votre dernière lecture.</translation>
    </message>
  </context>
  <context>
    <name>StoreFault</name>
    <message>
      <location filename="../../views/ask.py" line="20" />
      <source>What you typed is kept. Retry now, or cancel and save it later.</source>
      <translation>Ce que vous avez saisi est conservé. Réessayez maintenant, ou annulez et enregistrez plus tard.</translation>
    </message>
    <message>
      <location filename="../../views/ask.py" line="25" />
      <source>Retry</source>
      <translation>Réessayer</translation>
    </message>
    <message>
      <location filename="../../views/ask.py" line="28" />
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
  </context>
  <context>
    <name>StudentsImportDialog</name>
    <message>
      <location filename="../../views/admin/import_preview.py" line="555" />
      <source>Import students</source>
      <translation>Importer des élèves</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="558" />
      <source>(choose a diploma)</source>
      <translation>(choisir un diplôme)</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="564" />
      <source>(the file's, else the current one)</source>
      <translation>(celle du fichier, sinon l'année en cours)</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="581" />
      <source>Diploma of the new classes:</source>
      <translation>Diplôme des nouvelles classes :</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="582" />
      <source>School year:</source>
      <translation>Année scolaire :</translation>
    </message>
    <message>
      <location filename="../../views/admin/import_preview.py" line="583" />
      <source>Classes to import:</source>
      <translation>Classes à importer :</translation>
    </message>
  </context>
  <context>
    <name>SynthesesModel</name>
    <message>
      <location filename="../../views/booklet/models.py" line="154" />
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="155" />
      <source>Where</source>
      <translation>Lieu</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="156" />
      <source>Period</source>
      <translation>Période</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="157" />
      <source>Title</source>
      <translation>Titre</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="158" />
      <source>Last changed by</source>
      <translation>Modifié en dernier par</translation>
    </message>
  </context>
  <context>
    <name>SynthesisDialog</name>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="171" />
      <source>Synthesis of a phase in the company</source>
      <translation>Synthèse d'une phase en entreprise</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="173" />
      <source>Synthesis of a phase in the centre</source>
      <translation>Synthèse d'une phase en centre de formation</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="179" />
      <source>(no period)</source>
      <translation>(aucune période)</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="186" />
      <source>Title:</source>
      <translation>Titre :</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="187" />
      <source>Period:</source>
      <translation>Période :</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="188" />
      <source>Written on:</source>
      <translation>Écrite le :</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="189" />
      <source>Synthesis:</source>
      <translation>Synthèse :</translation>
    </message>
  </context>
  <context>
    <name>TaskGridModel</name>
    <message>
      <location filename="../../views/activities/grid.py" line="102" />
      <source>Week %1 [%2]: from %3 to %4</source>
      <translation>Semaine %1 [%2] : du %3 au %4</translation>
    </message>
    <message>
      <location filename="../../views/activities/grid.py" line="146" />
      <source>Changed, not saved yet</source>
      <translation>Modifiée, pas encore enregistrée</translation>
    </message>
    <message>
      <location filename="../../views/activities/grid.py" line="150" />
      <source>Ticked by the apprentice (%1)</source>
      <translation>Cochée par l'apprenti (%1)</translation>
    </message>
    <message>
      <location filename="../../views/activities/grid.py" line="153" />
      <source>Entrusted by %1</source>
      <translation>Confiée par %1</translation>
    </message>
    <message>
      <location filename="../../views/activities/grid.py" line="154" />
      <source>(former account)</source>
      <translation>(ancien compte)</translation>
    </message>
  </context>
  <context>
    <name>UrlDialog</name>
    <message>
      <location filename="../../views/activities/attachments.py" line="51" />
      <source>Add a web link</source>
      <translation>Ajouter un lien web</translation>
    </message>
    <message>
      <location filename="../../views/activities/attachments.py" line="57" />
      <source>optional: the address is shown otherwise</source>
      <translation>facultatif : l'adresse est affichée sinon</translation>
    </message>
    <message>
      <location filename="../../views/activities/attachments.py" line="58" />
      <source>Address:</source>
      <translation>Adresse :</translation>
    </message>
    <message>
      <location filename="../../views/activities/attachments.py" line="59" />
      <source>Label:</source>
      <translation>Libellé :</translation>
    </message>
  </context>
  <context>
    <name>VisitDialog</name>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="134" />
      <source>Report a company visit</source>
      <translation>Rendre compte d'une visite en entreprise</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="135" />
      <source>Plan a company visit</source>
      <translation>Prévoir une visite en entreprise</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="139" />
      <source>Planned on:</source>
      <translation>Prévue le :</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="143" />
      <source>Held on:</source>
      <translation>Réalisée le :</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="144" />
      <source>Participants:</source>
      <translation>Participants :</translation>
    </message>
    <message>
      <location filename="../../views/booklet/dialogs.py" line="146" />
      <source>Report:</source>
      <translation>Compte rendu :</translation>
    </message>
  </context>
  <context>
    <name>VisitsModel</name>
    <message>
      <location filename="../../views/booklet/models.py" line="197" />
      <source>Visit</source>
      <translation>Visite</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="198" />
      <source>Participants</source>
      <translation>Participants</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="199" />
      <source>Report</source>
      <translation>Compte rendu</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="200" />
      <source>Last changed by</source>
      <translation>Modifié en dernier par</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="205" />
      <source>Held on {date}</source>
      <translation>Réalisée le {date}</translation>
    </message>
    <message>
      <location filename="../../views/booklet/models.py" line="207" />
      <source>Planned on {date}</source>
      <translation>Prévue le {date}</translation>
    </message>
  </context>
  <context>
    <name>WeeklyPage</name>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="352" />
      <source>Weekly activities</source>
      <translation>Présentation des activités hebdomadaires</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="354" />
      <source>The activity sheet of each week, and the professional tasks of each week.</source>
      <translation>La fiche activité de chaque semaine, et les tâches professionnelles de chaque semaine.</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="361" />
      <source>See this sheet</source>
      <translation>Voir cette fiche</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="379" />
      <source>ticked by the apprentice</source>
      <translation>cochée par l'apprenti</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="380" />
      <source>entrusted by the tutor or the trainer</source>
      <translation>confiée par le maître d'apprentissage ou le formateur</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="381" />
      <source>not saved yet</source>
      <translation>pas encore enregistrée</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="389" />
      <source>Weekly activity sheets</source>
      <translation>Fiches activités hebdomadaires</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="400" />
      <source>Weekly tasks</source>
      <translation>Tâches hebdomadaires</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="420" />
      <source>Tick the tasks you carried out each week, then save.</source>
      <translation>Cochez les tâches que vous avez réalisées chaque semaine, puis enregistrez.</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="422" />
      <source>Select the tasks entrusted to the apprentice each week, then save.</source>
      <translation>Sélectionnez les tâches confiées à l'apprenti chaque semaine, puis enregistrez.</translation>
    </message>
    <message>
      <location filename="../../views/activities/logbook_pages.py" line="471" />
      <source>Save the weekly tasks</source>
      <translation>Enregistrer les tâches hebdomadaires</translation>
    </message>
  </context>
</TS>